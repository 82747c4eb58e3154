'use strict';

// Payment provider settings for the billing worker.
// TODO(billing): move these to the secrets manager before the audit.
const providers = {
  // expect: secrets/stripe-secret-key
  STRIPE_SECRET_KEY: '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',
  // expect: secrets/stripe-restricted-key
  STRIPE_RESTRICTED_KEY: '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',
  // expect: secrets/stripe-webhook-secret
  STRIPE_WEBHOOK_SECRET: 'whsec_7hV4XpQKFvatqFstJluAfmYD6F7RHdcc',
  // expect: secrets/square-access-token
  SQUARE_ACCESS_TOKEN: 'EAAAX4rRjaIqY68N_3hbhTjLNkQm4CP1a58lu0Ae_RMgddMQhi4Sloz55HM8on3A',
  // expect: secrets/square-application-secret
  SQUARE_APPLICATION_SECRET: 'sq0csp-QabWKqFfsAEcJbjafZfr-OFc0zTHxB59_EMCx0Z1CX7',
  // expect: secrets/braintree-access-token
  BRAINTREE_ACCESS_TOKEN: 'access_token$production$my4xoklief3ekquw$765d7fef457c801ff584824cc1d6f211',
  // expect: secrets/paypal-client-secret
  PAYPAL_CLIENT_SECRET: 'Enc1FTiMVOMnR1J5s7SzlsxjULdx7VTqfsotoOmGaC2c-T13vmiNvKG7T7j09oEPEPkd7vaxGVakwsz_',
  // expect: secrets/adyen-api-key
  ADYEN_API_KEY: 'AQEGiW/Kmt5/8CLLH2NddVjaTLE1NiXnWbsZukQaiEdkBy+3QrR/F0YUm5qi=-bLRm22huatI55NgLezszdXlM4VZQLBR9F2z4DMXT5Vj=-e38RcAdSEVupQXAE',
  // expect: secrets/flutterwave-secret-key
  FLW_SECRET_KEY: 'FLWSECK-a3caf82d5fa33b1013f1f72f549fdfcd-X',
  // expect: secrets/mollie-api-key
  MOLLIE_API_KEY: 'live_N3Cw8JCkB73WHEATqtIXP7RnUbn48Y',
  // expect: secrets/gocardless-access-token
  GOCARDLESS_ACCESS_TOKEN: 'live_eLK9m38smD_F6Pn6Yi9zYHNB0YpByvECO1dztaBi',
  // expect: secrets/plaid-access-token
  PLAID_ACCESS_TOKEN: 'access-production-c762cd52-f7eb-e7af-0060-d3fcf1eaf79a',
  // expect: secrets/plaid-secret
  PLAID_SECRET: 'c82757549d91177eb40662f62d6993',
  // expect: secrets/shippo-api-token
  SHIPPO_API_TOKEN: 'shippo_live_f3e5763a48eeff6cf993aa23c5a164fa349f6cb2',
  // expect: secrets/easypost-api-key
  EASYPOST_API_KEY: 'EZAK0556a71a90760695ea2f7b64a579576dc44944e683e3fe764d5011',
  // expect: secrets/lob-api-key
  LOB_API_KEY: 'live_aa231449ac9e459317fb5fb621db15b458f',
  // expect: secrets/razorpay-key-secret
  RAZORPAY_KEY_SECRET: 'KFse5hzaPRHX0yACyWUrB9Vf',
  // expect: secrets/shopify-access-token
  SHOPIFY_ACCESS_TOKEN: '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',
  // expect: secrets/shopify-shared-secret
  SHOPIFY_API_SECRET: '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',
  // expect: secrets/coinbase-api-secret
  COINBASE_API_SECRET: 'Ms0jY9aALgeYtuvT3fmEv1u2LsWquhWhN4/+azORHwsEVfbEBK2GYGaMO89nGUSGFt5e9BoppqhpTvPZKpCCQr==',
};

function providerKey(name) {
  const value = providers[name];
  if (!value) throw new Error(`unknown provider ${name}`);
  return value;
}

module.exports = { providerKey };
