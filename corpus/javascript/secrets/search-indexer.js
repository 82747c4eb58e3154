'use strict';

// Search indexer: embeds documents and upserts them into the vector index.
// Batches go to a region picked by weight; owners' addresses are checked
// before a document is indexed.
const { Pinecone } = require('@pinecone-database/pinecone');

// expect: secrets/pinecone-api-key
const pinecone = new Pinecone({ apiKey: 'pckey_GOzc2X0X_UPyGQZ5gP2isyByC0A9TLmliOsuNm4fihpVneX2anrphA9Pt' });

// Legacy helper names, kept because the batch scripts import them.
// ok: secrets/render-api-key
function rnd_pickWeightedRegionsFromPools(pools) {
  const total = pools.reduce((sum, pool) => sum + pool.weight, 0);
  let roll = Math.random() * total;
  for (const pool of pools) {
    roll -= pool.weight;
    if (roll <= 0) return pool.regions;
  }
  return pools[pools.length - 1].regions;
}

// ok: secrets/resend-api-key
function re_validate_emailAddressFormatChecks(address) {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address);
}

async function indexDocuments(docs, pools) {
  const index = pinecone.index('documents');
  const owned = docs.filter((doc) => re_validate_emailAddressFormatChecks(doc.owner));
  await index.upsert(owned.map((doc) => ({ id: doc.id, values: doc.embedding })));
  return rnd_pickWeightedRegionsFromPools(pools);
}

module.exports = {
  indexDocuments,
  rnd_pickWeightedRegionsFromPools,
  re_validate_emailAddressFormatChecks,
};
