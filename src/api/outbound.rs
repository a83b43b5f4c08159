//! Which n8n nodes can send data out of the instance, and which triggers start a workflow on their
//! own (a schedule, or polling another service). The one list the audit reads (seed 004: "HTTP
//! Request, Webhook, or Code nodes that send data externally"): a node type new to n8n is added here.

/// Why a node can send data out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outbound {
    /// HTTP Request: any URL.
    Http,
    /// Webhook and Respond to Webhook: answers a caller with workflow data.
    Webhook,
    /// Code, Function, Execute Command: arbitrary code.
    Code,
    /// Sends email.
    Email,
    /// Posts to a chat or messaging service.
    Messaging,
}

impl Outbound {
    pub fn label(self) -> &'static str {
        match self {
            Outbound::Http => "HTTP request",
            Outbound::Webhook => "Webhook",
            Outbound::Code => "Code",
            Outbound::Email => "Email",
            Outbound::Messaging => "Messaging",
        }
    }
}

/// Node types (without the package) and why each can send data out. AI agents' tool variants
/// (`slackTool`, `httpRequestTool`) count as the node they wrap.
const OUTBOUND: &[(&str, Outbound)] = &[
    ("httpRequest", Outbound::Http),
    ("toolHttpRequest", Outbound::Http),
    ("graphql", Outbound::Http),
    ("webhook", Outbound::Webhook),
    ("respondToWebhook", Outbound::Webhook),
    ("code", Outbound::Code),
    ("toolCode", Outbound::Code),
    ("function", Outbound::Code),
    ("functionItem", Outbound::Code),
    ("executeCommand", Outbound::Code),
    ("emailSend", Outbound::Email),
    ("gmail", Outbound::Email),
    ("microsoftOutlook", Outbound::Email),
    ("sendGrid", Outbound::Email),
    ("mailgun", Outbound::Email),
    ("mailjet", Outbound::Email),
    ("awsSes", Outbound::Email),
    ("slack", Outbound::Messaging),
    ("telegram", Outbound::Messaging),
    ("discord", Outbound::Messaging),
    ("microsoftTeams", Outbound::Messaging),
    ("mattermost", Outbound::Messaging),
    ("googleChat", Outbound::Messaging),
    ("whatsApp", Outbound::Messaging),
    ("twilio", Outbound::Messaging),
    ("matrix", Outbound::Messaging),
    ("rocketchat", Outbound::Messaging),
    ("pushover", Outbound::Messaging),
];

/// The packages whose nodes the list names: n8n's own. A community node with the same short name
/// is not assumed to do the same.
const PACKAGES: &[&str] = &["n8n-nodes-base", "@n8n/n8n-nodes-langchain"];

/// The short name of one of n8n's own node types (`n8n-nodes-base.httpRequest` → `httpRequest`).
fn short_name(node_type: &str) -> Option<&str> {
    let (package, name) = node_type.rsplit_once('.')?;
    PACKAGES.contains(&package).then_some(name)
}

/// Whether (and why) a node of this type can send data out.
pub fn outbound(node_type: &str) -> Option<Outbound> {
    let name = short_name(node_type)?;
    let find = |name: &str| OUTBOUND.iter().find(|(n, _)| *n == name).map(|(_, o)| *o);
    find(name).or_else(|| name.strip_suffix("Tool").and_then(find))
}

/// How an active workflow starts without anyone calling it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// Schedule Trigger, Cron, Interval.
    Schedule,
    /// A trigger that polls another service (its parameters have `pollTimes`).
    Polling,
}

impl Trigger {
    pub fn label(self) -> &'static str {
        match self {
            Trigger::Schedule => "Schedule",
            Trigger::Polling => "Polling",
        }
    }
}

const SCHEDULE: &[&str] = &["scheduleTrigger", "cron", "interval"];

/// Whether a node of this type starts its workflow on a timer; `polls`: its parameters hold
/// `pollTimes` (any package: community triggers poll the same way).
pub fn trigger(node_type: &str, polls: bool) -> Option<Trigger> {
    if short_name(node_type).is_some_and(|name| SCHEDULE.contains(&name)) {
        Some(Trigger::Schedule)
    } else if polls {
        Some(Trigger::Polling)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_that_send_data_out_are_classified_by_type() {
        let cases = [
            ("n8n-nodes-base.httpRequest", Some(Outbound::Http)),
            ("n8n-nodes-base.httpRequestTool", Some(Outbound::Http)),
            (
                "@n8n/n8n-nodes-langchain.toolHttpRequest",
                Some(Outbound::Http),
            ),
            ("n8n-nodes-base.webhook", Some(Outbound::Webhook)),
            ("n8n-nodes-base.respondToWebhook", Some(Outbound::Webhook)),
            ("n8n-nodes-base.code", Some(Outbound::Code)),
            ("n8n-nodes-base.function", Some(Outbound::Code)),
            ("n8n-nodes-base.executeCommand", Some(Outbound::Code)),
            ("n8n-nodes-base.emailSend", Some(Outbound::Email)),
            ("n8n-nodes-base.gmailTool", Some(Outbound::Email)),
            ("n8n-nodes-base.slack", Some(Outbound::Messaging)),
            ("n8n-nodes-base.telegram", Some(Outbound::Messaging)),
            // Nothing leaves the instance.
            ("n8n-nodes-base.noOp", None),
            ("n8n-nodes-base.set", None),
            ("n8n-nodes-base.stopAndError", None),
            ("n8n-nodes-base.scheduleTrigger", None),
            // Not n8n's own, or not a type at all.
            ("n8n-nodes-acme.httpRequest", None),
            ("httpRequest", None),
            ("", None),
            ("n8n-nodes-base.", None),
            ("n8n-nodes-base.Tool", None),
        ];
        for (node_type, expected) in cases {
            assert_eq!(outbound(node_type), expected, "{node_type}");
        }
        assert_eq!(Outbound::Http.label(), "HTTP request");
    }

    #[test]
    fn schedules_by_type_and_polling_by_parameters() {
        assert_eq!(
            trigger("n8n-nodes-base.scheduleTrigger", false),
            Some(Trigger::Schedule)
        );
        assert_eq!(
            trigger("n8n-nodes-base.cron", false),
            Some(Trigger::Schedule)
        );
        assert_eq!(
            trigger("n8n-nodes-base.gmailTrigger", true),
            Some(Trigger::Polling)
        );
        assert_eq!(
            trigger("n8n-nodes-acme.feedTrigger", true),
            Some(Trigger::Polling)
        );
        assert_eq!(trigger("n8n-nodes-base.webhook", false), None);
        assert_eq!(trigger("n8n-nodes-base.manualTrigger", false), None);
    }
}
