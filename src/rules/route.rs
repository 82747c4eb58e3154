//! The `route:` matcher in compiled form: which route paths name an
//! authentication action, and which middleware, layers, guards and
//! decorators count as a rate limiter. The vocabulary comes from the rule
//! pack; this module only answers questions about names and paths. Walking
//! routers across files is the project pass's job (`crate::project`).

use regex::{Regex, RegexBuilder};

use super::glob::PathGlob;
use super::lazy_regex::REGEX_SIZE_LIMIT;
use super::raw::RawRoute;

/// `route:` — routes whose path names one of `paths` and that nothing in
/// `limiters`/`callees`/`names`/`options` protects.
#[derive(Debug)]
pub struct RouteMatcher {
    /// Path words, each a sequence of lower-case tokens (`sign-in` is `[sign, in]`).
    pub paths: Vec<Vec<String>>,
    /// HTTP methods reported (lower-case); empty means every method.
    pub methods: Vec<String>,
    /// Limiter packages: a middleware made by one of them (or written in a
    /// file that imports one) is a limiter.
    pub limiters: Vec<String>,
    /// Globs over middleware names that are limiters whatever their package.
    pub callees: Vec<PathGlob>,
    /// A middleware whose own name matches is a limiter (`loginLimiter`).
    pub names: Option<Regex>,
    /// Route option paths that set a limit (`config.rateLimit`).
    pub options: Vec<Vec<String>>,
    /// Globs over names from limiter packages that configure but do not
    /// limit (`ThrottlerModule.forRoot`).
    pub inert: Vec<PathGlob>,
    /// Registration options that, set to `false`, make a limiter apply only
    /// to routes that opt in (`global: false` of `@fastify/rate-limit`).
    pub opt_in: Vec<String>,
    /// Globs over names that take a route out of every limiter (`SkipThrottle`).
    pub exempt: Vec<PathGlob>,
    /// Calls that create an application: a router nobody mounts that was made
    /// by one of them is where requests arrive.
    pub apps: Vec<PathGlob>,
    /// Calls that create a router that something else mounts.
    pub routers: Vec<PathGlob>,
    /// Words one of which makes a file worth parsing for routes.
    pub keywords: Vec<String>,
}

/// Whether a route path names an authentication action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathMatch {
    /// It does.
    Yes,
    /// It has words, none of them one of the rule's.
    No,
    /// It has no words of its own (`/`, `/:id`): the prefixes it is mounted
    /// under decide.
    NoWords,
}

impl RouteMatcher {
    /// Compiles the raw shape; the error is a message for the pack's `route:` key.
    pub(super) fn compile(raw: &RawRoute) -> Result<RouteMatcher, String> {
        if raw.paths.is_empty() {
            return Err("a `route` matcher needs at least one word in `paths`".into());
        }
        if raw.limiters.is_empty() && raw.callees.is_empty() {
            return Err("a `route` matcher needs `limiters` or `callees`".into());
        }
        let names = raw
            .names
            .as_ref()
            .map(|n| {
                RegexBuilder::new(n)
                    .size_limit(REGEX_SIZE_LIMIT)
                    .build()
                    .map_err(|e| format!("invalid regex in `names`: {e}"))
            })
            .transpose()?;
        let globs = |list: &[String]| list.iter().map(|g| PathGlob::new(g, false)).collect();
        Ok(RouteMatcher {
            paths: raw.paths.iter().map(|p| path_words(p)).collect(),
            methods: raw.methods.iter().map(|m| m.to_lowercase()).collect(),
            limiters: raw.limiters.clone(),
            callees: globs(&raw.callees),
            names,
            options: raw
                .options
                .iter()
                .map(|o| o.split('.').map(str::to_string).collect())
                .collect(),
            inert: globs(&raw.inert),
            opt_in: raw.opt_in.clone(),
            exempt: globs(&raw.exempt),
            apps: globs(&raw.apps),
            routers: globs(&raw.routers),
            keywords: raw.keywords.iter().map(|k| k.to_lowercase()).collect(),
        })
    }

    /// Whether the method is one the rule reports.
    pub fn method_matches(&self, method: &str) -> bool {
        self.methods.is_empty() || self.methods.iter().any(|m| m == method)
    }

    /// Whether a route path names an authentication action.
    pub fn path_matches(&self, path: &str) -> PathMatch {
        let words = path_words(path);
        if words.is_empty() {
            return PathMatch::NoWords;
        }
        let found = self.paths.iter().any(|wanted| {
            !wanted.is_empty() && words.windows(wanted.len()).any(|w| w == wanted.as_slice())
        });
        if found {
            PathMatch::Yes
        } else {
            PathMatch::No
        }
    }

    /// Whether a middleware name (a resolved callee or module path such as
    /// `express-rate-limit`, `tower_governor.GovernorLayer`) is a limiter.
    pub fn is_limiter(&self, name: &str) -> bool {
        if self.inert.iter().any(|g| g.matches(name)) {
            return false;
        }
        self.from_limiter_package(name)
            || self.callees.iter().any(|g| g.matches(name))
            || self.names.as_ref().is_some_and(|re| {
                let last = name.rsplit(['.', '/']).next().unwrap_or(name);
                re.is_match(last)
            })
    }

    /// Whether the name is, or is a member of, one of the limiter packages.
    pub fn from_limiter_package(&self, name: &str) -> bool {
        self.limiters.iter().any(|p| {
            name == p || (name.starts_with(p.as_str()) && name[p.len()..].starts_with(['.', '/']))
        })
    }

    /// Whether the name takes the route out of every limiter.
    pub fn is_exempt(&self, name: &str) -> bool {
        self.exempt.iter().any(|g| g.matches(name))
    }

    /// Whether the call creates an application (a root router).
    pub fn is_app(&self, callee: &str) -> bool {
        self.apps.iter().any(|g| g.matches(callee))
    }

    /// Whether the call creates a router meant to be mounted.
    pub fn is_router(&self, callee: &str) -> bool {
        self.routers.iter().any(|g| g.matches(callee))
    }

    /// The limiter packages, for the message's `${limiters}`.
    pub fn limiter_list(&self) -> String {
        self.limiters.join(", ")
    }
}

/// The words of a route path, lower-case: parameters (`:id`, `{id}`,
/// `<id>`, `*`) dropped, split at punctuation and camelCase humps, so
/// `/auth/resetPassword/:token` is `[auth, reset, password]`.
pub fn path_words(path: &str) -> Vec<String> {
    let mut words = Vec::new();
    for segment in path.split('/') {
        if segment.starts_with([':', '{', '<', '*', '(']) {
            continue;
        }
        let mut word = String::new();
        let mut prev_lower = false;
        for c in segment.chars() {
            if !c.is_ascii_alphanumeric() {
                flush(&mut word, &mut words);
                prev_lower = false;
                continue;
            }
            if c.is_ascii_uppercase() && prev_lower {
                flush(&mut word, &mut words);
            }
            prev_lower = c.is_ascii_lowercase();
            word.push(c.to_ascii_lowercase());
        }
        flush(&mut word, &mut words);
    }
    words
}

fn flush(word: &mut String, words: &mut Vec<String>) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> RouteMatcher {
        let raw = RawRoute {
            paths: ["login", "sign-in", "reset", "password", "2fa", "auth"]
                .map(String::from)
                .to_vec(),
            methods: vec!["post".into()],
            limiters: vec!["express-rate-limit".into(), "@fastify/rate-limit".into()],
            callees: vec!["**.*RateLimit*".into(), "*RateLimit*".into()],
            names: Some("(?i)^[a-z]*limiter$".into()),
            options: vec!["config.rateLimit".into()],
            inert: vec!["**.ThrottlerModule.*".into()],
            opt_in: vec!["global".into()],
            exempt: vec!["**.SkipThrottle".into()],
            apps: vec!["express".into()],
            routers: vec!["express.Router".into()],
            keywords: vec!["Express".into()],
        };
        RouteMatcher::compile(&raw).unwrap()
    }

    #[test]
    fn path_words_drop_parameters_and_split_humps() {
        assert_eq!(
            path_words("/auth/resetPassword/:token"),
            ["auth", "reset", "password"]
        );
        assert_eq!(path_words("/users/{id}/2FA"), ["users", "2fa"]);
        assert_eq!(path_words("/sign-in"), ["sign", "in"]);
        assert!(path_words("/:id/<name>").is_empty());
    }

    #[test]
    fn paths_match_whole_words_only() {
        let m = matcher();
        assert_eq!(m.path_matches("/login"), PathMatch::Yes);
        assert_eq!(m.path_matches("/signIn"), PathMatch::Yes);
        assert_eq!(m.path_matches("/users/:id/password"), PathMatch::Yes);
        assert_eq!(m.path_matches("/authors"), PathMatch::No);
        assert_eq!(m.path_matches("/sign/out"), PathMatch::No);
        assert_eq!(m.path_matches("/"), PathMatch::NoWords);
        assert_eq!(m.path_matches("/:token"), PathMatch::NoWords);
    }

    #[test]
    fn limiters_by_package_glob_and_name() {
        let m = matcher();
        assert!(m.is_limiter("express-rate-limit"));
        assert!(m.is_limiter("express-rate-limit.rateLimit"));
        assert!(!m.is_limiter("express-rate-limiter-clone"));
        assert!(m.is_limiter("tower.RedisRateLimitLayer"));
        assert!(m.is_limiter("loginLimiter"));
        assert!(!m.is_limiter("passport.authenticate"));
        assert!(m.is_exempt("@nestjs/throttler.SkipThrottle"));
        assert!(!m.is_limiter("@nestjs/throttler.ThrottlerModule.forRoot"));
        assert!(m.method_matches("post") && !m.method_matches("get"));
        assert_eq!(m.limiter_list(), "express-rate-limit, @fastify/rate-limit");
    }
}
