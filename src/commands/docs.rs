//! `comply explain`: one rule described in the terminal.

use std::io::{self, BufWriter, Write};

use super::{engine_options, Exit};
use crate::cli::ExplainArgs;
use crate::engine::load_engine;
use crate::error::Error;
use crate::report;
use crate::rules::FAMILIES;
use crate::select::suggest;

/// `comply explain RULE`; an unknown id is a usage error naming the nearest one.
pub fn run_explain(args: &ExplainArgs) -> Result<Exit, Error> {
    let engine = load_engine(&engine_options(&args.source))?;
    let Some(rule) = engine.rules.get(args.rule.trim()) else {
        let ids: Vec<String> = engine
            .rules
            .rules
            .iter()
            .map(|r| r.id.as_str().to_string())
            .collect();
        let hint = if FAMILIES.contains(&args.rule.as_str()) {
            format!(
                "; `{}` is a family: `comply rules --select {}` lists its rules",
                args.rule, args.rule
            )
        } else {
            suggest(&args.rule, &ids)
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default()
        };
        return Err(Error::Usage(format!(
            "unknown rule `{}`{hint} (`comply rules` lists the loaded rules)",
            args.rule
        )));
    };
    let to_io = |source| Error::Write {
        path: "<stdout>".into(),
        source,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    report::explain::render(rule, &engine.rules, &mut out).map_err(to_io)?;
    out.flush().map_err(to_io)?;
    Ok(Exit::Clean)
}
