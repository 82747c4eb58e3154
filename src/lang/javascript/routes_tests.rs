//! Route, mount, export and binding facts from Express, Koa, fastify and NestJS.

use crate::facts::{Fact, MountScope, Value};
use crate::lang::javascript::{parse_js, JsDialect};

fn facts(src: &str, dialect: JsDialect) -> Vec<Fact> {
    parse_js(src, dialect).extraction.facts
}

/// `(router, method, path, middleware count)` of every route.
fn routes(facts: &[Fact]) -> Vec<(String, String, String, usize)> {
    facts
        .iter()
        .filter_map(|f| match f {
            Fact::Route(r) => Some((
                r.router.clone(),
                r.method.clone(),
                r.path.clone(),
                r.middleware.len(),
            )),
            _ => None,
        })
        .collect()
}

fn call_names(values: impl Iterator<Item = Value>) -> Vec<String> {
    values
        .map(|v| match v {
            Value::Call { callee } => callee,
            Value::Ident(n) | Value::Member(n) => n,
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn express_routes_chains_and_mounts() {
    let src = r#"
const express = require('express');
const rateLimit = require('express-rate-limit');
const app = express();
const router = express.Router();
router.post('/login', rateLimit({ max: 5 }), validate, (req, res) => res.end());
router.route('/password').put(h).post(h2);
app.get('env');
app.use('/auth', limiter, router);
app.use(express.json());
module.exports = { router, app };
"#;
    let facts = facts(src, JsDialect::JavaScript);
    assert_eq!(
        routes(&facts),
        [
            ("router".into(), "post".into(), "/login".into(), 2),
            ("router".into(), "post".into(), "/password".into(), 0),
            ("router".into(), "put".into(), "/password".into(), 0),
        ]
    );
    let login = facts
        .iter()
        .find_map(|f| match f {
            Fact::Route(r) if r.path == "/login" => Some(r),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        call_names(login.middleware.iter().map(|m| m.value.clone())),
        ["express-rate-limit", "validate"]
    );
    assert_eq!(
        &src[login.span.start..login.span.end],
        "router.post('/login'"
    );
    let mounts: Vec<(Option<String>, Vec<String>, MountScope)> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::Mount(m) => Some((
                m.prefix.clone(),
                call_names(m.items.iter().map(|i| i.value.clone())),
                m.scope,
            )),
            _ => None,
        })
        .collect();
    assert_eq!(
        mounts,
        [
            (
                Some("/auth".into()),
                vec!["limiter".into(), "router".into()],
                MountScope::Following
            ),
            (None, vec!["express.json".into()], MountScope::Following),
        ]
    );
    let exports: Vec<&str> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::Export(e) => Some(e.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(exports, ["router", "app", "default"]);
}

#[test]
fn koa_named_routes_and_fastify_route_objects() {
    let src = r#"
router.post('login', '/session/login', handler);
fastify.post('/otp', { config: { rateLimit: { max: 3 } } }, handler);
fastify.route({ method: ['POST', 'PUT'], url: '/token', handler });
fastify.register(authRoutes, { prefix: '/auth' });
api.post(`/reset`, h);
"#;
    let facts = facts(src, JsDialect::JavaScript);
    assert_eq!(
        routes(&facts),
        [
            ("router".into(), "post".into(), "/session/login".into(), 0),
            ("fastify".into(), "post".into(), "/otp".into(), 1),
            ("fastify".into(), "post".into(), "/token".into(), 1),
            ("fastify".into(), "put".into(), "/token".into(), 1),
            ("api".into(), "post".into(), "/reset".into(), 0),
        ]
    );
    let prefix = facts.iter().find_map(|f| match f {
        Fact::Mount(m) => m.prefix.clone(),
        _ => None,
    });
    assert_eq!(prefix.as_deref(), Some("/auth"));
}

#[test]
fn nest_controllers_modules_and_bootstrap() {
    let src = r#"
import { Controller, Module, Post, UseGuards } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';

@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  @Post('login')
  @Throttle({ default: { limit: 5, ttl: 60000 } })
  login() {}

  @Post()
  root() {}
}

@Module({ controllers: [AuthController], providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }] })
export class AppModule {}

NestFactory.create(AppModule);
"#;
    let facts = facts(src, JsDialect::TypeScript);
    assert_eq!(
        routes(&facts),
        [
            (
                "AuthController".into(),
                "post".into(),
                "auth/login".into(),
                2
            ),
            ("AuthController".into(), "post".into(), "auth".into(), 0),
        ]
    );
    let defs: Vec<(String, String, bool)> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::RouterDef(d) => match &d.origin.value {
                Value::Call { callee } => Some((d.name.clone(), callee.clone(), d.exported)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(
        defs[0],
        (
            "AuthController".into(),
            "@nestjs/common.Controller".into(),
            true
        )
    );
    assert_eq!(
        defs[1],
        ("AppModule".into(), "@nestjs/common.Module".into(), true)
    );
    assert_eq!(defs[2].1, "@nestjs/core.NestFactory.create");
    let scopes: Vec<(String, MountScope, Vec<String>)> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::Mount(m) => Some((
                m.router.clone(),
                m.scope,
                call_names(m.items.iter().map(|i| i.value.clone())),
            )),
            _ => None,
        })
        .collect();
    assert!(scopes.contains(&(
        "AuthController".into(),
        MountScope::Whole,
        vec!["@nestjs/common.UseGuards".into(), "ThrottlerGuard".into()]
    )));
    assert!(scopes.contains(&(
        "AppModule".into(),
        MountScope::App,
        vec!["ThrottlerGuard".into()]
    )));
    assert!(scopes.contains(&(
        "AppModule".into(),
        MountScope::Whole,
        vec!["AuthController".into()]
    )));
}

#[test]
fn bindings_keep_module_and_member_apart() {
    let src = r#"
const { loginLimiter } = require('./middleware/rate-limit.js');
import authRouter from './routes/auth';
import * as limits from '../limits';
export { apiLimiter as limiter } from './limits.v2';
"#;
    let facts = facts(src, JsDialect::JavaScript);
    let mut bindings: Vec<(String, String, Option<String>)> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::Binding(b) => Some((b.local.clone(), b.module.clone(), b.member.clone())),
            _ => None,
        })
        .collect();
    bindings.sort();
    assert_eq!(
        bindings,
        [
            ("authRouter".into(), "./routes/auth".into(), None),
            (
                "limiter".into(),
                "./limits.v2".into(),
                Some("apiLimiter".into())
            ),
            ("limits".into(), "../limits".into(), None),
            (
                "loginLimiter".into(),
                "./middleware/rate-limit.js".into(),
                Some("loginLimiter".into())
            ),
        ]
    );
}
