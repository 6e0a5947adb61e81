//! The OpenAPI document and a documentation page rendered from it on the server, so the
//! documentation needs no script from a CDN.

use axum::Json;
use axum::response::Html;
use minijinja::{Value, context};
use utoipa::OpenApi;

use super::ApiDoc;
use crate::ctx::Ctx;
use crate::error::AppError;

pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

pub async fn docs_page(ctx: Ctx) -> Result<Html<String>, AppError> {
    let doc =
        serde_json::to_value(ApiDoc::openapi()).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut operations = Vec::new();
    if let Some(paths) = doc["paths"].as_object() {
        for (path, item) in paths {
            for method in ["get", "post", "put", "patch", "delete"] {
                let Some(op) = item.get(method) else { continue };
                let parameters: Vec<Value> = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        context! {
                            name => p["name"].as_str().unwrap_or_default(),
                            location => p["in"].as_str().unwrap_or_default(),
                            description => p["description"].as_str().unwrap_or_default(),
                        }
                    })
                    .collect();
                let responses: Vec<Value> = op["responses"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(status, r)| context! { status, description => r["description"].as_str().unwrap_or_default() })
                    .collect();
                operations.push(context! {
                    method => method.to_uppercase(),
                    path,
                    summary => op["summary"].as_str().unwrap_or_default(),
                    description => op["description"].as_str().unwrap_or_default(),
                    parameters,
                    responses,
                });
            }
        }
    }
    ctx.render(
        "platform/api_docs.html",
        &ctx.t("api-documentation"),
        context! { api => Value::from_serialize(&doc), operations },
    )
}
