//! Configuration, manifests, data and documentation files of a service:
//! package.json, Cargo.toml, Kubernetes manifests, CI workflows, JSON
//! fixtures, Markdown docs and a minified bundle.

use crate::code::Entity;
use crate::rng::Rng;

fn lines(text: String) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// A Node service's package.json.
pub fn package_json(service: &str, rng: &mut Rng) -> Vec<String> {
    lines(format!(
        "{{\n  \"name\": \"@acme/{service}\",\n  \"version\": \"{}.{}.{}\",\n  \"private\": true,\n  \"main\": \"src/app.js\",\n  \"scripts\": {{\n    \"start\": \"node src/server.js\",\n    \"test\": \"jest --runInBand\",\n    \"lint\": \"eslint src\"\n  }},\n  \"dependencies\": {{\n    \"express\": \"^4.19.2\",\n    \"express-rate-limit\": \"^7.2.0\",\n    \"express-validator\": \"^7.0.1\",\n    \"helmet\": \"^7.1.0\",\n    \"knex\": \"^3.1.0\",\n    \"pg\": \"^8.11.5\",\n    \"pino\": \"^9.1.0\"\n  }},\n  \"devDependencies\": {{\n    \"eslint\": \"^8.57.0\",\n    \"jest\": \"^29.7.0\",\n    \"supertest\": \"^7.0.0\"\n  }}\n}}\n",
        rng.between(0, 3),
        rng.between(0, 20),
        rng.between(0, 9)
    ))
}

/// A Rust service's Cargo.toml.
pub fn cargo_toml(service: &str, rng: &mut Rng) -> Vec<String> {
    lines(format!(
        "[package]\nname = \"{service}\"\nversion = \"0.{}.{}\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\naxum = \"0.7\"\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\nsqlx = {{ version = \"0.7\", features = [\"postgres\", \"runtime-tokio\", \"uuid\"] }}\ntokio = {{ version = \"1\", features = [\"full\"] }}\ntracing = \"0.1\"\nuuid = {{ version = \"1\", features = [\"v4\", \"serde\"] }}\n\n[dev-dependencies]\ntower = \"0.4\"\n",
        rng.between(1, 30),
        rng.between(0, 9)
    ))
}

/// A JSON configuration file with secrets referenced, never inlined.
pub fn config_json(service: &str, rng: &mut Rng) -> Vec<String> {
    lines(format!(
        "{{\n  \"service\": \"{service}\",\n  \"port\": {},\n  \"database\": {{\n    \"host\": \"db.{service}.svc.cluster.local\",\n    \"port\": 5432,\n    \"name\": \"{service}\",\n    \"passwordEnv\": \"DATABASE_PASSWORD\",\n    \"pool\": {{ \"min\": 2, \"max\": {} }}\n  }},\n  \"cache\": {{ \"url\": \"redis://cache.{service}.svc.cluster.local:6379\", \"ttlSeconds\": {} }},\n  \"upstreams\": {{\n    \"billing\": \"https://billing.internal.acme.example\",\n    \"search\": \"https://search.internal.acme.example\"\n  }},\n  \"features\": {{ \"bulkExport\": {}, \"auditTrail\": true }}\n}}\n",
        rng.between(3000, 9000),
        rng.between(5, 40),
        rng.between(30, 3600),
        rng.below(2) == 1
    ))
}

/// A Kubernetes Deployment and Service.
pub fn deployment_yaml(service: &str, rng: &mut Rng) -> Vec<String> {
    let port = rng.between(3000, 9000);
    lines(format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {service}\n  labels:\n    app: {service}\nspec:\n  replicas: {}\n  selector:\n    matchLabels:\n      app: {service}\n  template:\n    metadata:\n      labels:\n        app: {service}\n    spec:\n      containers:\n        - name: {service}\n          image: registry.acme.example/{service}:{}\n          ports:\n            - containerPort: {port}\n          env:\n            - name: NODE_ENV\n              value: production\n            - name: DATABASE_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: {service}-db\n                  key: password\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n            limits:\n              memory: 512Mi\n          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: {port}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {service}\nspec:\n  selector:\n    app: {service}\n  ports:\n    - port: 80\n      targetPort: {port}\n",
        rng.between(2, 6),
        rng.string(b"0123456789abcdef", 12)
    ))
}

/// A GitHub Actions workflow that tests and builds a service.
pub fn workflow_yaml(service: &str) -> Vec<String> {
    lines(format!(
        "name: {service}\non:\n  push:\n    branches: [main]\n  pull_request:\n    paths: ['services/{service}/**']\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n          cache: npm\n      - run: npm ci\n        working-directory: services/{service}\n      - run: npm test\n        working-directory: services/{service}\n        env:\n          DATABASE_URL: ${{{{ secrets.TEST_DATABASE_URL }}}}\n"
    ))
}

/// A JSON array of records, the kind of seed data or fixture that makes
/// repositories heavy.
pub fn data_json(e: &Entity, records: usize, rng: &mut Rng) -> Vec<String> {
    let mut out = vec!["[".to_string()];
    for i in 0..records {
        let mut fields = vec![format!(
            "\"id\": \"{}-{}-4{}-a{}-{}\"",
            rng.string(b"0123456789abcdef", 8),
            rng.string(b"0123456789abcdef", 4),
            rng.string(b"0123456789abcdef", 3),
            rng.string(b"0123456789abcdef", 3),
            rng.string(b"0123456789abcdef", 12)
        )];
        for f in &e.fields {
            let len = rng.between(4, 24);
            fields.push(format!(
                "\"{f}\": \"{}\"",
                rng.string(b"abcdefghijklmnopqrstuvwxyz ", len)
            ));
        }
        let comma = if i + 1 < records { "," } else { "" };
        out.push(format!("  {{ {} }}{comma}", fields.join(", ")));
    }
    out.push("]".to_string());
    out
}

/// A Markdown page documenting an entity's API.
pub fn doc_markdown(e: &Entity, service: &str) -> Vec<String> {
    let n = e.name;
    let mut out = format!(
        "# {n}s\n\nThe `{service}` service owns {n}s. All endpoints need a bearer token issued by the identity service;\nsee [authentication](../auth.md). Requests and responses are JSON.\n\n## Endpoints\n\n| method | path | what it does |\n| --- | --- | --- |\n| GET | `/{n}s` | list {n}s of the caller's tenant, newest first (`page`, `limit` ≤ 100) |\n| GET | `/{n}s/:id` | one {n} |\n| POST | `/{n}s` | create a {n} (role `editor`) |\n| PATCH | `/{n}s/:id` | change some fields (role `editor`) |\n| DELETE | `/{n}s/:id` | remove a {n} (role `admin`) |\n\n## Fields\n\n"
    );
    for f in &e.fields {
        out.push_str(&format!(
            "- `{f}`: optional string, at most 256 characters. Stored as-is and returned in every read.\n"
        ));
    }
    out.push_str(&format!(
        "\n## Events\n\nEach change publishes `{n}.created`, `{n}.updated` or `{n}.deleted` with the id and tenant id\n(never the field values) to the event bus, where the audit service records it.\n\n## Example\n\n```sh\ncurl -H \"Authorization: Bearer $TOKEN\" https://api.acme.example/{n}s?limit=5\n```\n"
    ));
    lines(out)
}

/// A minified bundle: one very long line, which discovery skips as minified.
pub fn minified_bundle(bytes: usize, rng: &mut Rng) -> Vec<String> {
    let mut line = String::with_capacity(bytes + 64);
    line.push_str("!function(){\"use strict\";");
    while line.len() < bytes {
        let a = rng.string(b"abcdefghijklmnopqrstuvwxyz", 1);
        let b = rng.string(b"abcdefghijklmnopqrstuvwxyz", 2);
        line.push_str(&format!(
            "var {a}{b}=function({a}){{return {a}&&{a}.{b}?{a}.{b}({}):null}};",
            rng.below(1000)
        ));
    }
    line.push_str("}();");
    vec![line]
}
