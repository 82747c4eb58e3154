//! The key globs of a `config:` matcher, indexed so that an entry is only
//! tried against the globs that can match its last key part.
//!
//! Configuration files yield very many entries and nearly every glob fails
//! on nearly every one of them. Most key globs end in a literal character
//! (`**.host`, `**.*url`), and a key they match has a last part whose
//! lower-cased form ends in that very byte: one table lookup per entry sets
//! the other globs aside. Each glob left is first probed by its trailing
//! literals (see `probe`), which turns most of the rest away before the
//! segments are matched. Matching itself stays [`PathGlob`]'s.

mod probe;

use super::glob::PathGlob;
use probe::Probes;

/// Key-path globs (case-insensitive) with an index by the byte their last
/// segment ends in.
#[derive(Debug)]
pub struct KeyGlobs {
    globs: Vec<PathGlob>,
    /// By glob, the cheap necessary conditions tried before matching it.
    probes: Vec<Probes>,
    /// By byte, the globs (indices) whose matches all have a folded last
    /// part ending in it.
    by_last_byte: Vec<Vec<usize>>,
    /// The globs that may match whatever the last part ends in.
    anywhere: Vec<usize>,
}

impl KeyGlobs {
    /// Indexes `globs`.
    pub fn new(globs: Vec<PathGlob>) -> KeyGlobs {
        let mut by_last_byte = vec![Vec::new(); 256];
        let mut anywhere = Vec::new();
        for (at, glob) in globs.iter().enumerate() {
            match glob.folded_last_byte() {
                Some(byte) => by_last_byte[usize::from(byte)].push(at),
                None => anywhere.push(at),
            }
        }
        KeyGlobs {
            probes: globs.iter().map(Probes::of).collect(),
            globs,
            by_last_byte,
            anywhere,
        }
    }

    /// The globs, in rule order.
    pub fn globs(&self) -> &[PathGlob] {
        &self.globs
    }

    /// Whether any glob matches a key path given as segments; the same
    /// answer as trying every glob.
    pub fn any_matches<S: AsRef<str>>(&self, key_path: &[S]) -> bool {
        let last = key_path.last().map_or("", AsRef::as_ref);
        let last_is_ascii = last.is_ascii();
        let matches = |&at: &usize| {
            self.probes[at].admit(key_path, last_is_ascii)
                && self.globs[at].matches_segments(key_path)
        };
        match last.as_bytes().last() {
            // An ASCII part folds byte by byte, so its folded last byte is
            // its last byte lower-cased. Other text (whose folding may
            // depend on the letters before, as for a final sigma), empty
            // parts and empty paths try every glob.
            Some(&byte) if last_is_ascii => {
                let folded = usize::from(byte.to_ascii_lowercase());
                self.by_last_byte[folded].iter().any(matches) || self.anywhere.iter().any(matches)
            }
            _ => (0..self.globs.len()).any(|at| matches(&at)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(globs: &[&str]) -> KeyGlobs {
        KeyGlobs::new(globs.iter().map(|g| PathGlob::new(g, true)).collect())
    }

    fn path(key: &str) -> Vec<String> {
        key.split('.').map(str::to_string).collect()
    }

    #[test]
    fn the_index_answers_as_every_glob_would() {
        let globs = [
            "**.NODE_TLS_REJECT_UNAUTHORIZED",
            "**.*url",
            "**.*webhook*",
            "**.*endpoints.*",
            "**.ssl.protocols",
            "**.a*B",
            "**.ssl*",
            "a.**",
            "**.Passwörd",
            "**.*Σ",
            "**.cookie.secure",
            "**.a*b*c",
            "x.*y*.z",
            "**.minVersion",
        ];
        let index = keys(&globs);
        let all = |key: &[String]| {
            globs
                .iter()
                .any(|g| PathGlob::new(g, true).matches_segments(key))
        };
        let paths = [
            "spec.env.node_tls_reject_unauthorized",
            "api.baseURL",
            "api.urls",
            "hooks.SLACK_WEBHOOK_URL",
            "x.ENDPOINTS.primary",
            "SSL.Protocols",
            "q.aXYb",
            "q.SSL_v3",
            "A.anything",
            "db.PASSWÖRD",
            "db.PASSWORD",
            "greek.ΟΔΟΣ",
            "empty.",
            "",
            "plain.name",
            "a",
            "q.aXbYc",
            "q.abc",
            "q.ac",
            "x.y.z",
            "x.Y.z",
            "x.aYb.Z",
            "x.ab.z",
            "minversion",
            "minversio",
            "db.Passwörd",
            "cookie.Secure",
            "COOKIE.HTTPONLY",
            "session.cookie.x",
            "x.my_endpoints.y",
            "x.endpoints",
            "api.WEBHOOK",
            "api.webhoo",
            "q.ab",
            "q.b",
            "ssl.protocols.x",
            "x.ssl.protocols",
        ];
        for key in paths {
            let key = path(key);
            assert_eq!(index.any_matches(&key), all(&key), "{key:?}");
        }
        assert!(!index.any_matches::<&str>(&[]));
        assert!(keys(&["**"]).any_matches::<&str>(&[]));
    }
}
