//! Alias resolution: after the walk, rewrites the first segment of each callee
//! (in calls and in call values) to the module path the file imported under
//! that name.

use std::collections::HashMap;

use crate::facts::{Fact, Value};

use super::MAX_DEPTH;

/// Replaces the first segment of each callee by what the file imported under
/// that name; runs after the walk so imports below their first use count too.
pub(super) fn resolve_facts(facts: &mut [Fact], aliases: &HashMap<String, String>) {
    if aliases.is_empty() {
        return;
    }
    for fact in facts {
        match fact {
            Fact::Call(call) => {
                resolve_callee(&mut call.callee, aliases);
                for arg in &mut call.args {
                    resolve_value(&mut arg.value, aliases, 0);
                }
            }
            Fact::Assign(assign) => resolve_value(&mut assign.value.value, aliases, 0),
            Fact::Route(route) => {
                for node in &mut route.middleware {
                    resolve_value(&mut node.value, aliases, 0);
                }
            }
            Fact::Mount(mount) => {
                for node in &mut mount.items {
                    resolve_value(&mut node.value, aliases, 0);
                }
            }
            Fact::Export(export) => resolve_value(&mut export.value.value, aliases, 0),
            Fact::RouterDef(def) => resolve_value(&mut def.origin.value, aliases, 0),
            _ => {}
        }
    }
}

fn resolve_value(value: &mut Value, aliases: &HashMap<String, String>, depth: usize) {
    if depth > MAX_DEPTH + 1 {
        return;
    }
    match value {
        Value::Call { callee } => resolve_callee(callee, aliases),
        Value::Array(items) => {
            for item in items {
                resolve_value(&mut item.value, aliases, depth + 1);
            }
        }
        Value::Object(properties) => {
            for property in properties {
                resolve_value(&mut property.value.value, aliases, depth + 1);
            }
        }
        _ => {}
    }
}

fn resolve_callee(callee: &mut String, aliases: &HashMap<String, String>) {
    let end = callee.find(['.', '(']).unwrap_or(callee.len());
    if let Some(path) = aliases.get(&callee[..end]) {
        let mut resolved = String::with_capacity(path.len() + callee.len() - end);
        resolved.push_str(path);
        resolved.push_str(&callee[end..]);
        *callee = resolved;
    }
}
