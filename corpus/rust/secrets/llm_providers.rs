//! Model providers the assistant service can route prompts to.

use std::collections::HashMap;

// expect: secrets/openai-api-key
pub const OPENAI_API_KEY: &str = "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";
// expect: secrets/anthropic-api-key
pub const ANTHROPIC_API_KEY: &str = "sk-ant-api03-meH0Zw1cZrzEVxH1c4memqA1qHzUSovTGciTqp45HqeSXMqWJ9j25FD-z04MYmIdhADinQSdFpbVRT8KmPAppHD2zuCyWAA";
// expect: secrets/huggingface-token
pub const HF_TOKEN: &str = "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";
// expect: secrets/groq-api-key
pub const GROQ_API_KEY: &str = "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";
// expect: secrets/replicate-api-token
pub const REPLICATE_API_TOKEN: &str = "r8_SLS3PH7RmKkY8laAqvp2SZ4uUeGrpj0qwVqD8";
// expect: secrets/perplexity-api-key
pub const PERPLEXITY_API_KEY: &str = "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";
// expect: secrets/xai-api-key
pub const XAI_API_KEY: &str = "xai-NByjP2JOCM0L9qIdrF95AbAli5fYH6GWU3cBOF3TNGckD94uLeovcXLpYoF9Orbb6xt5wDQls4v6ilwu";
// expect: secrets/openrouter-api-key
pub const OPENROUTER_API_KEY: &str = "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";
// expect: secrets/langsmith-api-key
pub const LANGSMITH_API_KEY: &str = "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";
// expect: secrets/cohere-api-key
pub const COHERE_API_KEY: &str = "kIc3NIDFluqAMI7Borfz7MrlZ3pL280P4v4V532N";
// expect: secrets/mistral-api-key
pub const MISTRAL_API_KEY: &str = "vpoKDmCKsiOsRDRUFUjI4mqc465q5Vsi";
// expect: secrets/deepseek-api-key
pub const DEEPSEEK_API_KEY: &str = "sk-04f9cd200a7c0723135769d1eca88505";
// expect: secrets/azure-openai-api-key
pub const AZURE_OPENAI_API_KEY: &str = "6eb5646429f6a36379542618dd26e291";
// expect: secrets/together-api-key
pub const TOGETHER_API_KEY: &str = "tgp_v1_fVrR7nGtXr5uytEZuBQQcSL2K6zhVl5wJdiBYb8VpEy";
// expect: secrets/elevenlabs-api-key
pub const ELEVENLABS_API_KEY: &str = "sk_f4457a00476d422686c74572cb7607e995e41b6371025bed";
// expect: secrets/wandb-api-key
pub const WANDB_API_KEY: &str = "4da4f40d142b40cc2a26a86bc25c061ea8edcd7c";
// expect: secrets/assemblyai-api-key
pub const ASSEMBLYAI_API_KEY: &str = "b3abdb8632b87d740a7f53a2ff9500fe";
// expect: secrets/deepgram-api-key
pub const DEEPGRAM_API_KEY: &str = "6566fe480df20feac1f9d1b64fda570ec8f9d5cb";
// expect: secrets/stability-api-key
pub const STABILITY_API_KEY: &str = "sk-aRdgI6v2u8dj4SWufDKkx1v4Te6LvQ5zWEZvzQNX1uddV3dI";
// expect: secrets/fireworks-api-key
pub const FIREWORKS_API_KEY: &str = "fw_NZkCC7YlLwYRemlbmOqo8W45";
// expect: secrets/voyage-api-key
pub const VOYAGE_API_KEY: &str = "pa-wy8SZLcnWPXDWXnvHiQaPY25Dek0SJgwciBrrxdA2bX";

/// Keys by environment variable name, for the provider router.
pub fn provider_keys() -> HashMap<&'static str, &'static str> {
    HashMap::from([("OPENAI_API_KEY", OPENAI_API_KEY), ("ANTHROPIC_API_KEY", ANTHROPIC_API_KEY)])
}
