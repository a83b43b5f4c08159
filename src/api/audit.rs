//! n8n's security audit (`POST /audit`): a risk report per category (credentials, database, nodes,
//! filesystem, instance), each in sections with a description, a recommendation and the places it
//! names (credentials, nodes of workflows, community packages). n8n answers `[]` when it found no
//! risk. The answer is read leniently from JSON values: a field n8n adds is kept out of the way, a
//! missing one is empty, nothing panics.

use serde_json::Value;

use super::client::{Client, Method, Transport};
use super::error::ApiError;

/// n8n's categories, in the order it runs them.
const CATEGORIES: [&str; 5] = ["credentials", "database", "nodes", "filesystem", "instance"];

/// The report as the page shows it, with n8n's answer for `Download report`.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditReport {
    pub risks: Vec<RiskReport>,
    /// n8n's answer, indented, as `Download report` saves it.
    pub raw: String,
}

/// One category's report (`Credentials Risk Report`).
#[derive(Clone, Debug, PartialEq)]
pub struct RiskReport {
    /// `Credentials`, from n8n's key without ` Risk Report`.
    pub title: String,
    /// n8n's `risk`: `credentials`, `database`, `nodes`, `filesystem`, `instance`.
    pub risk: String,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub description: String,
    pub recommendation: String,
    pub locations: Vec<Location>,
    /// The instance report's settings (`"Security settings"`), as name and value.
    pub settings: Vec<(String, String)>,
    /// The instance report's newer versions (`"Outdated instance"`), by name.
    pub next_versions: Vec<String>,
}

/// A place a finding names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Credential {
        id: String,
        name: String,
    },
    Node {
        workflow_id: String,
        workflow_name: String,
        node_name: String,
        node_type: String,
    },
    Community {
        node_type: String,
        package_url: Option<String>,
    },
    /// A kind the console does not know: its fields as text.
    Other(String),
}

/// A string field, or a number written as one; anything else is empty.
fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn list(value: &Value, key: &str) -> Vec<Value> {
    match value.get(key) {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    }
}

fn location(value: &Value) -> Location {
    match text(value, "kind").as_str() {
        "credential" => Location::Credential {
            id: text(value, "id"),
            name: text(value, "name"),
        },
        "node" => Location::Node {
            workflow_id: text(value, "workflowId"),
            workflow_name: text(value, "workflowName"),
            node_name: text(value, "nodeName"),
            node_type: text(value, "nodeType"),
        },
        "community" => Location::Community {
            node_type: text(value, "nodeType"),
            package_url: Some(text(value, "packageUrl"))
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        },
        _ => Location::Other(
            value
                .as_object()
                .map(|fields| {
                    fields
                        .iter()
                        .map(|(k, v)| format!("{k}: {}", scalar(v)))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_else(|| scalar(value)),
        ),
    }
}

/// A value on one line: strings bare, anything else as JSON.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn section(value: &Value) -> Section {
    // One level of groups is spelt out (`features.communityPackagesEnabled`), deeper ones as JSON.
    let mut settings = Vec::new();
    if let Some(Value::Object(fields)) = value.get("settings") {
        for (name, value) in fields {
            match value {
                Value::Object(inner) => settings.extend(
                    inner
                        .iter()
                        .map(|(k, v)| (format!("{name}.{k}"), scalar(v))),
                ),
                other => settings.push((name.clone(), scalar(other))),
            }
        }
    }
    Section {
        title: text(value, "title"),
        description: text(value, "description"),
        recommendation: text(value, "recommendation"),
        locations: list(value, "location").iter().map(location).collect(),
        settings,
        next_versions: list(value, "nextVersions")
            .iter()
            .map(|v| match v {
                Value::String(name) => name.clone(),
                other => text(other, "name"),
            })
            .filter(|name| !name.is_empty())
            .collect(),
    }
}

impl AuditReport {
    /// Reads n8n's answer: an object of reports keyed `<Category> Risk Report`, or `[]` (no risk).
    pub fn from_value(answer: &Value) -> AuditReport {
        let mut risks: Vec<RiskReport> = match answer {
            Value::Object(reports) => reports
                .iter()
                .filter(|(_, report)| report.is_object())
                .map(|(key, report)| RiskReport {
                    title: key.trim_end_matches(" Risk Report").to_string(),
                    risk: text(report, "risk"),
                    sections: list(report, "sections").iter().map(section).collect(),
                })
                .collect(),
            _ => Vec::new(),
        };
        // n8n's own order of categories (the JSON object's order is not kept).
        let rank = |r: &RiskReport| {
            CATEGORIES
                .iter()
                .position(|c| *c == r.risk)
                .unwrap_or(CATEGORIES.len())
        };
        risks.sort_by_key(rank);
        AuditReport {
            risks,
            raw: serde_json::to_string_pretty(answer).unwrap_or_default(),
        }
    }

    /// Findings in all reports.
    pub fn findings(&self) -> usize {
        self.risks.iter().map(|r| r.sections.len()).sum()
    }
}

/// Runs n8n's security audit over every category (it reads, it changes nothing; it can take
/// seconds on a large instance). Needs the `securityAudit:generate` scope.
pub async fn generate<T: Transport>(client: &Client<T>) -> Result<AuditReport, ApiError> {
    let body = serde_json::json!({});
    let answer: Value = client
        .send(Method::Post, "/audit", Some(&body))
        .await
        .map_err(|e| e.needs_scope("securityAudit:generate"))?;
    Ok(AuditReport::from_value(&answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    // n8n 2.20.0's shape (the OpenAPI example), plus the instance report's extra fields.
    const REPORT: &str = r#"{
      "Credentials Risk Report":{"risk":"credentials","sections":[
        {"title":"Credentials not used in any workflow","description":"These credentials are not used.","recommendation":"Consider deleting these credentials.",
         "location":[{"kind":"credential","id":"1","name":"My Test Account"}]}]},
      "Nodes Risk Report":{"risk":"nodes","sections":[
        {"title":"Official risky nodes","description":"These nodes are part of n8n's official nodes.","recommendation":"Consider reviewing.",
         "location":[{"kind":"node","workflowId":"wf1","workflowName":"Exfil","nodeId":"n1","nodeName":"Run","nodeType":"n8n-nodes-base.executeCommand"},
                     {"kind":"community","nodeType":"n8n-nodes-test.test","packageUrl":"https://www.npmjs.com/package/n8n-nodes-test"},
                     {"kind":"community","nodeType":"n8n-nodes-evil.x","packageUrl":"javascript:alert(1)"},
                     {"kind":"volume","path":"/data","size":3}]}]},
      "Instance Risk Report":{"risk":"instance","sections":[
        {"title":"Security settings","description":"This n8n instance has the following security settings.","recommendation":"Consider adjusting.",
         "settings":{"features":{"communityPackagesEnabled":true},"telemetry":{"diagnosticsEnabled":true}}},
        {"title":"Outdated instance","description":"This n8n instance is outdated.","recommendation":"Consider updating.",
         "nextVersions":[{"name":"2.41.1","createdAt":"2026-11-01"},"2.40.0"]}]}
    }"#;

    #[test]
    fn generate_posts_to_audit_and_reads_each_report_into_sections() {
        let canned = Canned::default().json(200, REPORT);
        let report = run(generate(&client(&canned))).unwrap();
        let sent = canned.sent.borrow();
        assert_eq!(
            (sent[0].method, sent[0].url.as_str()),
            (Method::Post, "/api/v1/audit")
        );
        let titles: Vec<_> = report.risks.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Credentials", "Nodes", "Instance"]);
        assert_eq!(report.findings(), 4);
        let credential = &report.risks[0].sections[0];
        assert_eq!(credential.title, "Credentials not used in any workflow");
        assert_eq!(
            credential.locations,
            [Location::Credential {
                id: "1".into(),
                name: "My Test Account".into()
            }]
        );
        let nodes = &report.risks[1].sections[0].locations;
        assert_eq!(
            nodes[0],
            Location::Node {
                workflow_id: "wf1".into(),
                workflow_name: "Exfil".into(),
                node_name: "Run".into(),
                node_type: "n8n-nodes-base.executeCommand".into()
            }
        );
        assert!(
            matches!(&nodes[1], Location::Community { package_url: Some(u), .. } if u.starts_with("https://www.npmjs.com"))
        );
        assert!(
            matches!(
                &nodes[2],
                Location::Community {
                    package_url: None,
                    ..
                }
            ),
            "only http(s) links"
        );
        assert_eq!(
            nodes[3],
            Location::Other("kind: volume, path: /data, size: 3".into())
        );
        let instance = &report.risks[2];
        assert_eq!(
            instance.sections[0].settings[0],
            (
                "features.communityPackagesEnabled".to_string(),
                "true".to_string()
            )
        );
        assert_eq!(instance.sections[1].next_versions, ["2.41.1", "2.40.0"]);
        assert!(report.raw.contains("\n  \"Credentials Risk Report\""));
    }

    #[test]
    fn no_risk_and_odd_answers_are_empty_reports_not_errors() {
        for body in [
            "[]",
            "{}",
            "null",
            r#"{"X Risk Report":[1,2]}"#,
            r#"{"Y Risk Report":{"sections":{"a":1}}}"#,
        ] {
            let canned = Canned::default().json(200, body);
            let report = run(generate(&client(&canned))).unwrap();
            assert_eq!(report.findings(), 0, "{body}");
        }
        let canned = Canned::default().json(403, r#"{"message":"Forbidden"}"#);
        let error = run(generate(&client(&canned))).unwrap_err();
        assert!(
            error.to_string().contains("securityAudit:generate"),
            "{error}"
        );
    }
}
