//! `Run security audit`: n8n's `POST /audit`, shown as one section per category with each
//! finding's description, recommendation and the places it names; `Download report` saves n8n's answer.

use leptos::prelude::*;

use crate::api::audit::{self, AuditReport, Location, RiskReport, Section};
use crate::api::query::encode_component;
use crate::browser::download;
use crate::components::{use_loader, Link, LoadError};
use crate::session::Session;

#[component]
pub fn SecurityAudit() -> impl IntoView {
    // 0: not run yet (no request); each click runs it again.
    let runs = RwSignal::new(0u32);
    let report = use_loader(
        move || runs.get(),
        |client, run| async move {
            if run == 0 {
                Ok(None)
            } else {
                audit::generate(&client).await.map(Some)
            }
        },
    );
    let running = Signal::derive(move || runs.get() > 0 && report.busy.get());
    let saved = RwSignal::new(None::<String>);
    let download = move |_| {
        let Some(Some(report)) = report.data.get_untracked() else {
            return;
        };
        let name = format!("n8n-audit-{}.json", download::today());
        saved.set(Some(match download::save_json(&name, &report.raw) {
            Ok(()) => format!("Saved as {name}."),
            Err(error) => error,
        }));
    };
    view! {
        <section class="audit-part" aria-labelledby="audit-security">
            <h2 id="audit-security" tabindex="-1">"Security audit"</h2>
            <p class="muted">
                "n8n's own risk report on credentials, database, nodes, filesystem and the instance. It reads and changes nothing; on a large instance it takes a few seconds."
            </p>
            <div class="detail-actions">
                <button
                    type="button"
                    class="button button-primary"
                    disabled=move || running.get()
                    aria-busy=move || running.get().to_string()
                    on:click=move |_| {
                        saved.set(None);
                        runs.update(|n| *n = n.wrapping_add(1));
                    }
                >
                    {move || if running.get() { "Running security audit…" } else { "Run security audit" }}
                </button>
                <Show when=move || report.data.with(|r| matches!(r, Some(Some(_))))>
                    <button type="button" class="button" on:click=download>
                        "Download report"
                    </button>
                </Show>
            </div>
            <p role="status" class="muted">{move || saved.get()}</p>
            <LoadError loader=report />
            {move || report.data.get().flatten().map(|report| view! { <Report report /> })}
        </section>
    }
}

#[component]
fn Report(report: AuditReport) -> impl IntoView {
    let findings = report.findings();
    let summary = match findings {
        0 => "n8n found no risks.".to_string(),
        1 => "n8n found 1 risk.".to_string(),
        n => format!("n8n found {n} risks, in {} categories.", report.risks.len()),
    };
    view! {
        <section class="audit-report" aria-label="Security audit report">
            <p class="audit-summary">{summary}</p>
            {report.risks.into_iter().map(|risk| view! { <Risk risk /> }).collect_view()}
        </section>
    }
}

#[component]
fn Risk(risk: RiskReport) -> impl IntoView {
    view! {
        <section class="risk-report" data-risk=risk.risk.clone()>
            <h3>{risk.title}</h3>
            {risk.sections.into_iter().map(|section| view! { <Finding section /> }).collect_view()}
        </section>
    }
}

#[component]
fn Finding(section: Section) -> impl IntoView {
    let session = Session::expect();
    // The n8n editor of the shown instance, for places the console has no page for.
    let editor = session.connection().map(|c| c.base_url).unwrap_or_default();
    let places = section
        .locations
        .into_iter()
        .map(|location| match location {
            Location::Node {
                workflow_id,
                workflow_name,
                node_name,
                node_type,
            } => {
                let href = format!("/workflows/{}", encode_component(&workflow_id));
                view! {
                    <li>
                        <Link href=href>
                            <bdi>{node_name}</bdi>
                            " in "
                            <bdi>{workflow_name}</bdi>
                        </Link>
                        " "
                        <code>{node_type}</code>
                    </li>
                }
                .into_any()
            }
            Location::Credential { id, name } => {
                let href = format!("{editor}/home/credentials/{}", encode_component(&id));
                view! {
                    <li>
                        "Credential "
                        <a href=href target="_blank" rel="noopener">
                            <bdi>{name}</bdi>
                        </a>
                    </li>
                }
                .into_any()
            }
            Location::Community {
                node_type,
                package_url,
            } => view! {
                <li>
                    "Community node "
                    <code>{node_type}</code>
                    {package_url.map(|url| view! {
                        " "
                        <a href=url target="_blank" rel="noopener noreferrer">
                            "package"
                        </a>
                    })}
                </li>
            }
            .into_any(),
            Location::Other(text) => view! { <li>{text}</li> }.into_any(),
        })
        .collect_view();
    let settings = (!section.settings.is_empty()).then(|| {
        view! {
            <dl class="facts facts-compact">
                {section
                    .settings
                    .into_iter()
                    .map(|(name, value)| {
                        view! {
                            <div>
                                <dt>{name}</dt>
                                <dd>
                                    <code>{value}</code>
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        }
    });
    let versions = (!section.next_versions.is_empty()).then(
        || view! { <p>{format!("Newer versions: {}", section.next_versions.join(", "))}</p> },
    );
    view! {
        <article class="finding">
            <h4>{section.title}</h4>
            <p>{section.description}</p>
            {(!section.recommendation.is_empty())
                .then(|| view! { <p class="recommendation">{format!("Recommendation: {}", section.recommendation)}</p> })}
            {settings}
            {versions}
            <ul class="finding-places">{places}</ul>
        </article>
    }
}
