//! Source modules in the shapes real services have: Express routers and
//! services, NestJS controllers, axum and actix-web handlers, models.
//!
//! Each builder returns the file as lines, so a planted finding can be spliced
//! in at a known line. The code is clean by construction (cookies with every
//! flag, ids in logs, https URLs, costs from configuration): any finding on a
//! generated tree that was not planted is a false positive worth a look.

use crate::rng::Rng;

/// A domain entity with its fields, so modules read like one codebase.
pub struct Entity {
    /// Singular lower-case name (`invoice`).
    pub name: &'static str,
    /// Fields besides `id`, `createdAt`, `updatedAt`.
    pub fields: Vec<&'static str>,
}

const ENTITIES: &[&str] = &[
    "invoice",
    "order",
    "product",
    "shipment",
    "customer",
    "supplier",
    "warehouse",
    "catalog",
    "coupon",
    "refund",
    "subscription",
    "plan",
    "team",
    "project",
    "ticket",
    "comment",
    "attachment",
    "webhook",
    "report",
    "metric",
    "alert",
    "dashboard",
    "region",
    "tenant",
    "budget",
    "expense",
    "contract",
    "vendor",
    "asset",
    "license",
    "device",
    "location",
    "schedule",
    "booking",
    "review",
    "category",
    "tag",
    "playlist",
    "episode",
    "course",
    "lesson",
    "quiz",
    "badge",
    "campaign",
    "segment",
];

const FIELDS: &[&str] = &[
    "title",
    "status",
    "amount",
    "currency",
    "quantity",
    "priority",
    "dueDate",
    "notes",
    "reference",
    "sku",
    "weight",
    "price",
    "discount",
    "label",
    "summary",
    "score",
    "ownerId",
    "teamId",
    "channel",
    "source",
    "version",
    "position",
    "duration",
    "kind",
];

/// A random entity with four to eight fields.
pub fn entity(rng: &mut Rng) -> Entity {
    let name = *rng.pick(ENTITIES);
    let count = rng.between(4, 8);
    let mut fields: Vec<&'static str> = Vec::new();
    while fields.len() < count {
        let f = *rng.pick(FIELDS);
        if !fields.contains(&f) {
            fields.push(f);
        }
    }
    Entity { name, fields }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_uppercase() {
            out.push('_');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn lines(text: String) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// An Express router module for one entity: validation, pagination, CRUD.
pub fn express_router(e: &Entity, rng: &mut Rng) -> Vec<String> {
    let n = e.name;
    let cap = capital(n);
    let mut out = format!(
        "'use strict';\n\nconst express = require('express');\nconst {{ body, param, query, validationResult }} = require('express-validator');\nconst {{ {cap}Service }} = require('../services/{n}Service');\nconst {{ requireAuth, requireRole }} = require('../middleware/auth');\nconst logger = require('../lib/logger');\n\nconst router = express.Router();\nconst service = new {cap}Service();\n\nfunction checkValidation(req, res, next) {{\n  const errors = validationResult(req);\n  if (!errors.isEmpty()) {{\n    return res.status(422).json({{ errors: errors.array() }});\n  }}\n  return next();\n}}\n\n"
    );
    out.push_str("router.get(\n  '/',\n  requireAuth,\n  query('page').optional().isInt({ min: 1 }),\n  query('limit').optional().isInt({ min: 1, max: 100 }),\n  checkValidation,\n  async (req, res, next) => {\n    try {\n      const page = Number(req.query.page || 1);\n      const limit = Number(req.query.limit || 20);\n      const result = await service.list({ page, limit, tenantId: req.user.tenantId });\n      res.set('Cache-Control', 'private, max-age=0');\n      res.json(result);\n    } catch (err) {\n      next(err);\n    }\n  }\n);\n\n");
    out.push_str(&format!(
        "router.get('/:id', requireAuth, param('id').isUUID(), checkValidation, async (req, res, next) => {{\n  try {{\n    const {n} = await service.find(req.params.id, req.user.tenantId);\n    if (!{n}) {{\n      return res.status(404).json({{ error: '{n} not found' }});\n    }}\n    return res.json({n});\n  }} catch (err) {{\n    return next(err);\n  }}\n}});\n\n"
    ));
    let validators: Vec<String> = e
        .fields
        .iter()
        .map(|f| {
            format!(
                "  body('{f}').optional().isLength({{ max: {} }}),",
                rng.between(16, 512)
            )
        })
        .collect();
    out.push_str(&format!(
        "router.post(\n  '/',\n  requireAuth,\n  requireRole('editor'),\n{}\n  checkValidation,\n  async (req, res, next) => {{\n    try {{\n      const created = await service.create(req.body, req.user);\n      logger.info('{n} created', {{ {n}Id: created.id, by: req.user.id }});\n      res.status(201).location(`/{n}s/${{created.id}}`).json(created);\n    }} catch (err) {{\n      next(err);\n    }}\n  }}\n);\n\n",
        validators.join("\n")
    ));
    out.push_str(&format!(
        "router.patch('/:id', requireAuth, requireRole('editor'), param('id').isUUID(), checkValidation, async (req, res, next) => {{\n  try {{\n    const updated = await service.update(req.params.id, req.body, req.user);\n    logger.info('{n} updated', {{ {n}Id: updated.id, fields: Object.keys(req.body).length }});\n    res.json(updated);\n  }} catch (err) {{\n    next(err);\n  }}\n}});\n\nrouter.delete('/:id', requireAuth, requireRole('admin'), param('id').isUUID(), checkValidation, async (req, res, next) => {{\n  try {{\n    await service.remove(req.params.id, req.user);\n    res.status(204).end();\n  }} catch (err) {{\n    next(err);\n  }}\n}});\n\n"
    ));
    for f in &e.fields {
        out.push_str(&format!(
            "router.get('/by-{}/:value', requireAuth, async (req, res, next) => {{\n  try {{\n    const rows = await service.findBy('{f}', req.params.value, req.user.tenantId);\n    res.json({{ items: rows, count: rows.length }});\n  }} catch (err) {{\n    next(err);\n  }}\n}});\n\n",
            snake(f).replace('_', "-")
        ));
    }
    out.push_str("module.exports = router;\n");
    lines(out)
}

/// A data-access service class for one entity (knex-style queries).
pub fn express_service(e: &Entity, _rng: &mut Rng) -> Vec<String> {
    let n = e.name;
    let cap = capital(n);
    let columns: Vec<String> = e.fields.iter().map(|f| format!("'{}'", snake(f))).collect();
    let mut out = format!(
        "'use strict';\n\nconst db = require('../lib/db');\nconst {{ NotFoundError, ConflictError }} = require('../lib/errors');\nconst {{ publish }} = require('../lib/events');\n\nconst TABLE = '{n}s';\nconst COLUMNS = ['id', {}, 'created_at', 'updated_at'];\n\nclass {cap}Service {{\n  async list({{ page, limit, tenantId }}) {{\n    const offset = (page - 1) * limit;\n    const [items, [{{ count }}]] = await Promise.all([\n      db(TABLE).select(COLUMNS).where({{ tenant_id: tenantId }}).orderBy('created_at', 'desc').limit(limit).offset(offset),\n      db(TABLE).where({{ tenant_id: tenantId }}).count({{ count: '*' }}),\n    ]);\n    return {{ items, page, limit, total: Number(count) }};\n  }}\n\n  async find(id, tenantId) {{\n    return db(TABLE).select(COLUMNS).where({{ id, tenant_id: tenantId }}).first();\n  }}\n\n  async findBy(column, value, tenantId) {{\n    if (!COLUMNS.includes(column)) {{\n      throw new ConflictError(`unknown column ${{column}}`);\n    }}\n    return db(TABLE).select(COLUMNS).where({{ [column]: value, tenant_id: tenantId }}).limit(100);\n  }}\n\n",
        columns.join(", ")
    );
    let assigns: Vec<String> = e
        .fields
        .iter()
        .map(|f| format!("      {}: input.{f},", snake(f)))
        .collect();
    out.push_str(&format!(
        "  async create(input, user) {{\n    const row = {{\n{}\n      tenant_id: user.tenantId,\n      created_by: user.id,\n    }};\n    const [created] = await db(TABLE).insert(row).returning(COLUMNS);\n    await publish('{n}.created', {{ id: created.id, tenantId: user.tenantId }});\n    return created;\n  }}\n\n  async update(id, input, user) {{\n    const existing = await this.find(id, user.tenantId);\n    if (!existing) {{\n      throw new NotFoundError('{n}', id);\n    }}\n    const changes = {{}};\n    for (const key of Object.keys(input)) {{\n      if (COLUMNS.includes(key)) {{\n        changes[key] = input[key];\n      }}\n    }}\n    changes.updated_at = db.fn.now();\n    const [updated] = await db(TABLE).where({{ id }}).update(changes).returning(COLUMNS);\n    await publish('{n}.updated', {{ id, tenantId: user.tenantId }});\n    return updated;\n  }}\n\n  async remove(id, user) {{\n    const deleted = await db(TABLE).where({{ id, tenant_id: user.tenantId }}).del();\n    if (deleted === 0) {{\n      throw new NotFoundError('{n}', id);\n    }}\n    await publish('{n}.deleted', {{ id, tenantId: user.tenantId }});\n  }}\n}}\n\nmodule.exports = {{ {cap}Service }};\n",
        assigns.join("\n")
    ));
    lines(out)
}

/// A NestJS controller and its DTO for one entity.
pub fn nest_controller(e: &Entity, _rng: &mut Rng) -> Vec<String> {
    let n = e.name;
    let cap = capital(n);
    let dto_fields: Vec<String> = e
        .fields
        .iter()
        .map(|f| {
            format!("  @IsOptional()\n  @IsString()\n  @MaxLength(256)\n  readonly {f}?: string;\n")
        })
        .collect();
    let out = format!(
        "import {{\n  Body,\n  Controller,\n  Delete,\n  Get,\n  HttpCode,\n  Logger,\n  Param,\n  ParseUUIDPipe,\n  Patch,\n  Post,\n  Query,\n  UseGuards,\n}} from '@nestjs/common';\nimport {{ IsOptional, IsString, MaxLength }} from 'class-validator';\nimport {{ JwtAuthGuard }} from '../auth/jwt-auth.guard';\nimport {{ CurrentUser, AuthUser }} from '../auth/current-user.decorator';\nimport {{ {cap}Service }} from './{n}.service';\n\nexport class Create{cap}Dto {{\n{}}}\n\nexport class ListQuery {{\n  @IsOptional()\n  readonly page?: number;\n\n  @IsOptional()\n  readonly limit?: number;\n}}\n\n@Controller('{n}s')\n@UseGuards(JwtAuthGuard)\nexport class {cap}Controller {{\n  private readonly logger = new Logger({cap}Controller.name);\n\n  constructor(private readonly service: {cap}Service) {{}}\n\n  @Get()\n  list(@Query() query: ListQuery, @CurrentUser() user: AuthUser) {{\n    return this.service.list(user.tenantId, query.page ?? 1, query.limit ?? 20);\n  }}\n\n  @Get(':id')\n  find(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {{\n    return this.service.find(user.tenantId, id);\n  }}\n\n  @Post()\n  async create(@Body() dto: Create{cap}Dto, @CurrentUser() user: AuthUser) {{\n    const created = await this.service.create(user, dto);\n    this.logger.log(`{n} ${{created.id}} created by ${{user.id}}`);\n    return created;\n  }}\n\n  @Patch(':id')\n  update(\n    @Param('id', ParseUUIDPipe) id: string,\n    @Body() dto: Create{cap}Dto,\n    @CurrentUser() user: AuthUser,\n  ) {{\n    return this.service.update(user, id, dto);\n  }}\n\n  @Delete(':id')\n  @HttpCode(204)\n  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {{\n    await this.service.remove(user, id);\n    this.logger.log(`{n} ${{id}} removed by ${{user.id}}`);\n  }}\n}}\n",
        dto_fields.join("\n")
    );
    lines(out)
}

/// A TypeORM-backed NestJS service for one entity.
pub fn nest_service(e: &Entity, _rng: &mut Rng) -> Vec<String> {
    let n = e.name;
    let cap = capital(n);
    let columns: Vec<String> = e
        .fields
        .iter()
        .map(|f| format!("  @Column({{ nullable: true }})\n  {f}?: string;\n"))
        .collect();
    let out = format!(
        "import {{ Injectable, NotFoundException }} from '@nestjs/common';\nimport {{ InjectRepository }} from '@nestjs/typeorm';\nimport {{ Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Repository, UpdateDateColumn }} from 'typeorm';\nimport {{ EventEmitter2 }} from '@nestjs/event-emitter';\nimport type {{ AuthUser }} from '../auth/current-user.decorator';\n\n@Entity('{n}s')\nexport class {cap} {{\n  @PrimaryGeneratedColumn('uuid')\n  id!: string;\n\n  @Column()\n  tenantId!: string;\n\n{}\n  @CreateDateColumn()\n  createdAt!: Date;\n\n  @UpdateDateColumn()\n  updatedAt!: Date;\n}}\n\n@Injectable()\nexport class {cap}Service {{\n  constructor(\n    @InjectRepository({cap}) private readonly repo: Repository<{cap}>,\n    private readonly events: EventEmitter2,\n  ) {{}}\n\n  async list(tenantId: string, page: number, limit: number) {{\n    const [items, total] = await this.repo.findAndCount({{\n      where: {{ tenantId }},\n      order: {{ createdAt: 'DESC' }},\n      skip: (page - 1) * limit,\n      take: Math.min(limit, 100),\n    }});\n    return {{ items, total, page }};\n  }}\n\n  async find(tenantId: string, id: string): Promise<{cap}> {{\n    const found = await this.repo.findOne({{ where: {{ id, tenantId }} }});\n    if (!found) {{\n      throw new NotFoundException(`{n} ${{id}} not found`);\n    }}\n    return found;\n  }}\n\n  async create(user: AuthUser, input: Partial<{cap}>): Promise<{cap}> {{\n    const entity = this.repo.create({{ ...input, tenantId: user.tenantId }});\n    const saved = await this.repo.save(entity);\n    this.events.emit('{n}.created', {{ id: saved.id, tenantId: user.tenantId }});\n    return saved;\n  }}\n\n  async update(user: AuthUser, id: string, input: Partial<{cap}>): Promise<{cap}> {{\n    const existing = await this.find(user.tenantId, id);\n    Object.assign(existing, input);\n    return this.repo.save(existing);\n  }}\n\n  async remove(user: AuthUser, id: string): Promise<void> {{\n    const result = await this.repo.delete({{ id, tenantId: user.tenantId }});\n    if (!result.affected) {{\n      throw new NotFoundException(`{n} ${{id}} not found`);\n    }}\n  }}\n}}\n",
        columns.join("\n")
    );
    lines(out)
}

/// An axum handler module with its serde types and sqlx queries.
pub fn axum_handlers(e: &Entity, _rng: &mut Rng) -> Vec<String> {
    let n = e.name;
    let cap = capital(n);
    let fields: Vec<String> = e
        .fields
        .iter()
        .map(|f| format!("    pub {}: Option<String>,", snake(f)))
        .collect();
    let binds: Vec<String> = e
        .fields
        .iter()
        .map(|f| format!("        .bind(&input.{})", snake(f)))
        .collect();
    let cols: Vec<String> = e.fields.iter().map(|f| snake(f)).collect();
    let params: Vec<String> = (2..e.fields.len() + 2).map(|i| format!("${i}")).collect();
    let out = format!(
        "//! HTTP handlers for {n}s.\n\nuse axum::extract::{{Path, Query, State}};\nuse axum::http::StatusCode;\nuse axum::routing::get;\nuse axum::{{Json, Router}};\nuse serde::{{Deserialize, Serialize}};\nuse sqlx::PgPool;\nuse tracing::{{info, instrument}};\nuse uuid::Uuid;\n\nuse crate::auth::CurrentUser;\nuse crate::error::ApiError;\n\n#[derive(Debug, Clone, Serialize, sqlx::FromRow)]\npub struct {cap} {{\n    pub id: Uuid,\n    pub tenant_id: Uuid,\n{}\n}}\n\n#[derive(Debug, Deserialize)]\npub struct New{cap} {{\n{}\n}}\n\n#[derive(Debug, Deserialize)]\npub struct Page {{\n    pub page: Option<i64>,\n    pub limit: Option<i64>,\n}}\n\npub fn routes() -> Router<PgPool> {{\n    Router::new()\n        .route(\"/{n}s\", get(list).post(create))\n        .route(\"/{n}s/:id\", get(find).delete(remove))\n}}\n\n#[instrument(skip(pool))]\nasync fn list(\n    State(pool): State<PgPool>,\n    user: CurrentUser,\n    Query(page): Query<Page>,\n) -> Result<Json<Vec<{cap}>>, ApiError> {{\n    let limit = page.limit.unwrap_or(20).clamp(1, 100);\n    let offset = (page.page.unwrap_or(1).max(1) - 1) * limit;\n    let rows = sqlx::query_as::<_, {cap}>(\n        \"SELECT * FROM {n}s WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3\",\n    )\n    .bind(user.tenant_id)\n    .bind(limit)\n    .bind(offset)\n    .fetch_all(&pool)\n    .await?;\n    Ok(Json(rows))\n}}\n\nasync fn find(\n    State(pool): State<PgPool>,\n    user: CurrentUser,\n    Path(id): Path<Uuid>,\n) -> Result<Json<{cap}>, ApiError> {{\n    let row = sqlx::query_as::<_, {cap}>(\"SELECT * FROM {n}s WHERE id = $1 AND tenant_id = $2\")\n        .bind(id)\n        .bind(user.tenant_id)\n        .fetch_optional(&pool)\n        .await?\n        .ok_or(ApiError::NotFound)?;\n    Ok(Json(row))\n}}\n\nasync fn create(\n    State(pool): State<PgPool>,\n    user: CurrentUser,\n    Json(input): Json<New{cap}>,\n) -> Result<(StatusCode, Json<{cap}>), ApiError> {{\n    let row = sqlx::query_as::<_, {cap}>(\n        \"INSERT INTO {n}s (tenant_id, {}) VALUES ($1, {}) RETURNING *\",\n    )\n    .bind(user.tenant_id)\n{}\n    .fetch_one(&pool)\n    .await?;\n    info!({n}_id = %row.id, tenant_id = %user.tenant_id, \"{n} created\");\n    Ok((StatusCode::CREATED, Json(row)))\n}}\n\nasync fn remove(\n    State(pool): State<PgPool>,\n    user: CurrentUser,\n    Path(id): Path<Uuid>,\n) -> Result<StatusCode, ApiError> {{\n    let done = sqlx::query(\"DELETE FROM {n}s WHERE id = $1 AND tenant_id = $2\")\n        .bind(id)\n        .bind(user.tenant_id)\n        .execute(&pool)\n        .await?;\n    if done.rows_affected() == 0 {{\n        return Err(ApiError::NotFound);\n    }}\n    info!({n}_id = %id, \"{n} removed\");\n    Ok(StatusCode::NO_CONTENT)\n}}\n",
        fields.join("\n"),
        fields.join("\n"),
        cols.join(", "),
        params.join(", "),
        binds.join("\n")
    );
    lines(out)
}

/// An actix-web handler module for one entity.
pub fn actix_handlers(e: &Entity, _rng: &mut Rng) -> Vec<String> {
    let n = e.name;
    let cap = capital(n);
    let fields: Vec<String> = e
        .fields
        .iter()
        .map(|f| format!("    {}: Option<String>,", snake(f)))
        .collect();
    let out = format!(
        "use actix_web::{{delete, get, post, web, HttpResponse, Responder}};\nuse log::{{debug, info}};\nuse serde::{{Deserialize, Serialize}};\nuse uuid::Uuid;\n\nuse crate::db::Pool;\nuse crate::errors::ServiceError;\n\n#[derive(Debug, Serialize, Deserialize, Clone)]\npub struct {cap} {{\n    id: Uuid,\n{}\n}}\n\n#[derive(Debug, Deserialize)]\npub struct New{cap} {{\n{}\n}}\n\n#[get(\"/{n}s\")]\nasync fn list(pool: web::Data<Pool>) -> Result<impl Responder, ServiceError> {{\n    let conn = pool.get().await?;\n    let rows = conn.query(\"SELECT * FROM {n}s ORDER BY created_at DESC LIMIT 100\", &[]).await?;\n    debug!(\"listed {{}} {n}s\", rows.len());\n    Ok(HttpResponse::Ok().json(rows.iter().map(crate::db::to_json).collect::<Vec<_>>()))\n}}\n\n#[get(\"/{n}s/{{id}}\")]\nasync fn find(pool: web::Data<Pool>, id: web::Path<Uuid>) -> Result<impl Responder, ServiceError> {{\n    let conn = pool.get().await?;\n    let row = conn\n        .query_opt(\"SELECT * FROM {n}s WHERE id = $1\", &[&*id])\n        .await?\n        .ok_or(ServiceError::NotFound)?;\n    Ok(HttpResponse::Ok().json(crate::db::to_json(&row)))\n}}\n\n#[post(\"/{n}s\")]\nasync fn create(pool: web::Data<Pool>, body: web::Json<New{cap}>) -> Result<impl Responder, ServiceError> {{\n    let conn = pool.get().await?;\n    let id = Uuid::new_v4();\n    conn.execute(\"INSERT INTO {n}s (id, data) VALUES ($1, $2)\", &[&id, &serde_json::to_value(&*body)?])\n        .await?;\n    info!(\"{n} {{}} created\", id);\n    Ok(HttpResponse::Created().json(serde_json::json!({{ \"id\": id }})))\n}}\n\n#[delete(\"/{n}s/{{id}}\")]\nasync fn remove(pool: web::Data<Pool>, id: web::Path<Uuid>) -> Result<impl Responder, ServiceError> {{\n    let conn = pool.get().await?;\n    let n = conn.execute(\"DELETE FROM {n}s WHERE id = $1\", &[&*id]).await?;\n    if n == 0 {{\n        return Err(ServiceError::NotFound);\n    }}\n    Ok(HttpResponse::NoContent().finish())\n}}\n\npub fn configure(cfg: &mut web::ServiceConfig) {{\n    cfg.service(list).service(find).service(create).service(remove);\n}}\n",
        fields.join("\n"),
        fields.join("\n"),
    );
    lines(out)
}
