const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

// Credentials pasted while debugging the upload job.
const client = new S3Client({
  region: 'eu-west-1',
  credentials: {
    // expect: secrets/aws-access-key-id
    accessKeyId: 'AKIA7KLFYYLBEG3RHDSV',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  },
});

// The documented example key from the AWS guides is not a credential.
// ok: secrets/aws-access-key-id
const EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

// A placeholder in the shape of a key.
// ok: secrets/aws-access-key-id
const PLACEHOLDER = 'AKIAXXXXXXXXXXXXXXXX';

// Too long to be a key id: part of an unrelated identifier.
// ok: secrets/aws-access-key-id
const TRACE_ID = 'AKIA5UCDRD6PM6HU2ZX2QQ9';

async function upload(key, body) {
  return client.send(new PutObjectCommand({ Bucket: 'reports', Key: key, Body: body }));
}

module.exports = { upload, EXAMPLE_KEY_ID, PLACEHOLDER, TRACE_ID };
