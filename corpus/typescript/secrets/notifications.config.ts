// Channels the notification service can deliver through.
export interface ChannelConfig {
  [name: string]: string;
}

export const channels: ChannelConfig = {
  // expect: secrets/slack-bot-token
  SLACK_BOT_TOKEN: 'xoxb-982289903054-9583606209848-WIGm8w5WQ0iZjdhAe8ALzGHk',
  // expect: secrets/slack-user-token
  SLACK_USER_TOKEN: 'xoxp-932370267039-415076031874-5846457641173-bfd8e877217727b2debe5ed7aad58569',
  // expect: secrets/slack-app-token
  SLACK_APP_TOKEN: 'xapp-1-AWOBQE6266O-8139903300861-a32026019d52643b03ad85e60e82b38b64288eac087eeee047469fbe9e6ae99c',
  // expect: secrets/slack-config-token
  SLACK_CONFIG_TOKEN: 'xoxe.xoxp-1-7O54S6tTHSb4acCNfkjmMTvUkwUFDy4xSJV6rg5PufZ31e94GF7mAvrvKDQ6e9tN7zfiF8xOi4km9I6PCqe2YXd3R8A2dTWR9BId9Vd9XjBB8fqePTVSCtK4J4VoEaXtO6TbzDWWHIHEWwcmZev3JlyGHqme',
  // expect: secrets/slack-legacy-token
  SLACK_LEGACY_TOKEN: 'xoxa-2-589216565760-302116582402-8d44c10a8853382d5afacee9fbf37df5',
  // expect: secrets/slack-webhook-url
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/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',
  // expect: secrets/discord-bot-token
  DISCORD_BOT_TOKEN: 'MsHv9LFQ_sPMgIqfn_2WVa4kTa.YT_fw7.r6USaLfsR_G1zJplODKOnm9-drCeZXpRczuOyn',
  // expect: secrets/discord-webhook-url
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/5747189132617895140/xLKM6cF4XdiTLYqSXdVeQJPx8pcx-GLYBjfwF3MoU8cMuxTIL3CJWKzPFn_A600z05vm',
  // expect: secrets/telegram-bot-token
  TELEGRAM_BOT_TOKEN: '1333116106:AAyQX6QN2J2MSpSQ0bNXpuTvZHGoIpy8ELM',
  // expect: secrets/twilio-api-key
  TWILIO_API_KEY: 'SKe9ebf8004ecbdf99d702143e820beb03',
  // expect: secrets/twilio-auth-token
  TWILIO_AUTH_TOKEN: '752ed6d63ef3742b7860a7f063f7007b',
  // expect: secrets/microsoft-teams-webhook-url
  TEAMS_WEBHOOK_URL: 'https://contoso.webhook.office.com/webhookb2/455a841b-9803-70f1-88c6-d72b3ec5178c@40ce6e07-e538-f9fa-7693-1e74dcd736c7/IncomingWebhook/b14c8f63ef81596a4b88630815347f96/2ac43781-b9f1-949d-c855-d221b6d90ef6',
  // expect: secrets/vonage-api-secret
  VONAGE_API_SECRET: 'o55z8UDlsZV63jLa',
  // expect: secrets/pusher-app-secret
  PUSHER_APP_SECRET: '0713657469f5f9a7175b',
  // expect: secrets/intercom-access-token
  INTERCOM_ACCESS_TOKEN: 'dG9rOjE4lyReJStRlUNX1psRYXogJDRL9F/Nj4oVvU7eCk9ZVhyCdYUY30VE=',
  // expect: secrets/facebook-access-token
  FACEBOOK_ACCESS_TOKEN: 'EAAGNfNW6SIVK9VjVPLfavy758wWHGS0yqjNIPFPN58AvIn7Q7JaOzIx6X7EYcqqmijMuJI3yjTlPAiqtcHDrK4dYMwvjxtiSwtQv9EgAOU3RtKMLMeD1HsrAYhXsZesG4LRURZKnFXBLgwxFQ9qNjSFL1BvaR261RGqJPzcBUfWUD8t9Huql6gx',
  // expect: secrets/twitter-bearer-token
  TWITTER_BEARER_TOKEN: 'AAAAAAAAAAAAAAAAAAAAAtzQMVIXD1EbHWsUhHlTE%3D6iz3oCVsruQoLoRo2OKnsxUGERf6aPMrSLz1n7bA0k5oBvZGhi',
  // expect: secrets/line-channel-secret
  LINE_CHANNEL_SECRET: 'a1decbe4f5949eac0c88bf2bd876f099',
  // expect: secrets/zendesk-api-token
  ZENDESK_API_TOKEN: '5mBYgJmW9t2F5k0Oz5SedkuTskrdFtt62LpcC6cw',
  // expect: secrets/mattermost-token
  MATTERMOST_TOKEN: '7i07s8oq93x3k98814e44muuko',
  // expect: secrets/zoom-client-secret
  ZOOM_CLIENT_SECRET: 'NC0GQAV0I1djuPTFQqNftDUcGOlQONPd',
  // expect: secrets/sendgrid-api-key
  SENDGRID_API_KEY: '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',
  // expect: secrets/mailgun-api-key
  MAILGUN_API_KEY: 'key-567cfa2cbb8748a4db525ef9b63ae694',
  // expect: secrets/mailgun-webhook-signing-key
  MAILGUN_WEBHOOK_SIGNING_KEY: 'e0b7357e735bb59a70e9552d96c89f3d',
  // expect: secrets/mailchimp-api-key
  MAILCHIMP_API_KEY: '81ed9ed705e6b45ebb9c160ec771799b-us21',
  // expect: secrets/mandrill-api-key
  MANDRILL_API_KEY: 'md-1zUq3zlmFWz7mFdk4DN7ep',
  // expect: secrets/postmark-server-token
  POSTMARK_SERVER_TOKEN: '5255e62f-2d03-6c58-4692-5135fe15b6cb',
  // expect: secrets/brevo-api-key
  BREVO_API_KEY: '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',
  // expect: secrets/resend-api-key
  RESEND_API_KEY: 're_mWypzi1v_ECuPFwTJnYQfukhfwL8M4slY',
  // expect: secrets/mailersend-api-token
  MAILERSEND_API_KEY: 'mlsn.e687843eb5f97d81491a333a0cb6ef1f5c588e57d962794e2f088f64509b1104',
  // expect: secrets/sparkpost-api-key
  SPARKPOST_API_KEY: 'f762dd36ac27e0316d8bfdafbe6ee48d502ad997',
  // expect: secrets/mailjet-secret-key
  MAILJET_API_SECRET: '6b0863d12015ab625b04031102493d7b',
  // expect: secrets/smtp-password
  SMTP_PASSWORD: 'Sm7p-wVLmSwLyuJQz6D',
  // expect: secrets/loops-api-key
  LOOPS_API_KEY: '59b7680a99072d35de69f087287c9f0f',
  // expect: secrets/customerio-api-key
  CUSTOMERIO_APP_API_KEY: 'b5505041ffc9bf2e4167862dcf19d6ae',
};

export function channel(name: string): string {
  return channels[name] ?? '';
}
