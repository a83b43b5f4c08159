//! The n8n instances one tab holds side by side (dev, staging, production), as plain Rust: their
//! names and colours, how they are kept in sessionStorage, and the `?instance=` that says which one
//! a console URL shows. The first instance is shown without a parameter, so the links of a tab
//! with one instance look as they always did.

use serde::{Deserialize, Serialize};

use crate::api::query::Query;
use crate::api::{ApiKey, Connection};

/// The query parameter of a console URL that names the instance it shows.
pub const PARAM: &str = "instance";

/// The name the instance of the connect form gets.
pub const FIRST_NAME: &str = "main";

/// The longest name: it sits in the shell, in selects and in URLs.
pub const MAX_NAME: usize = 24;

/// The colour the shell shows an instance in, so production never looks like staging. The name
/// is always shown beside it: colour is never the only sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    Blue,
    Green,
    Amber,
    Red,
    Purple,
    Grey,
}

impl Colour {
    pub const ALL: [Colour; 6] = [
        Colour::Blue,
        Colour::Green,
        Colour::Amber,
        Colour::Red,
        Colour::Purple,
        Colour::Grey,
    ];

    /// What the colour picker says.
    pub fn label(self) -> &'static str {
        match self {
            Colour::Blue => "Blue",
            Colour::Green => "Green",
            Colour::Amber => "Amber",
            Colour::Red => "Red",
            Colour::Purple => "Purple",
            Colour::Grey => "Grey",
        }
    }

    /// Its value in the picker, the stored JSON and the stylesheet (`data-colour`).
    pub fn key(self) -> &'static str {
        match self {
            Colour::Blue => "blue",
            Colour::Green => "green",
            Colour::Amber => "amber",
            Colour::Red => "red",
            Colour::Purple => "purple",
            Colour::Grey => "grey",
        }
    }

    pub fn parse(key: &str) -> Option<Colour> {
        Colour::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The first colour no instance has yet (the palette again from the start when all are used).
    pub fn unused(taken: &[Colour]) -> Colour {
        Colour::ALL
            .into_iter()
            .find(|c| !taken.contains(c))
            .unwrap_or(Colour::ALL[taken.len() % Colour::ALL.len()])
    }
}

/// One n8n instance of this tab. `Debug` shows no key ([`ApiKey`] redacts itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instance {
    pub name: String,
    pub colour: Colour,
    pub connection: Connection,
}

impl Instance {
    /// Where it is, as the shell says it: the URL, or "this site" for the console's own origin.
    pub fn place(&self) -> &str {
        if self.connection.base_url.is_empty() {
            "this site"
        } else {
            &self.connection.base_url
        }
    }
}

/// A new instance's name, trimmed, or why it cannot be one: 1 to 24 letters, digits, `-` or `_`
/// (it goes into URLs as it is), and no other instance of the tab has it, in any case.
pub fn check_name<'a>(
    name: &str,
    taken: impl IntoIterator<Item = &'a str>,
) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Give the instance a name, such as staging or production.".into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!("A name has at most {MAX_NAME} characters."));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err("Use only letters, digits, - and _ (the name goes into links).".into());
    }
    if taken.into_iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return Err(format!("This tab already has an instance named {name}."));
    }
    Ok(name.to_string())
}

#[derive(Serialize, Deserialize)]
struct Stored {
    instances: Vec<StoredInstance>,
}

#[derive(Serialize, Deserialize)]
struct StoredInstance {
    name: String,
    colour: Colour,
    #[serde(rename = "baseUrl")]
    base_url: String,
    #[serde(rename = "apiKey")]
    api_key: String,
}

/// What a console before several instances stored: one connection.
#[derive(Deserialize)]
struct StoredSingle {
    #[serde(rename = "baseUrl")]
    base_url: String,
    #[serde(rename = "apiKey")]
    api_key: String,
}

/// The sessionStorage value for these instances.
pub fn encode(instances: &[Instance]) -> Option<String> {
    let stored = Stored {
        instances: instances
            .iter()
            .map(|i| StoredInstance {
                name: i.name.clone(),
                colour: i.colour,
                base_url: i.connection.base_url.clone(),
                api_key: i.connection.api_key.expose().to_string(),
            })
            .collect(),
    };
    serde_json::to_string(&stored).ok()
}

/// The instances a sessionStorage value holds, in order; one stored by an earlier console is
/// [`FIRST_NAME`]. Entries that could not have been stored (a bad name, URL or key, a name twice)
/// are left out; anything unreadable is no instance at all.
pub fn decode(json: &str) -> Vec<Instance> {
    let stored = match serde_json::from_str::<Stored>(json) {
        Ok(stored) => stored.instances,
        Err(_) => match serde_json::from_str::<StoredSingle>(json) {
            Ok(single) => vec![StoredInstance {
                name: FIRST_NAME.into(),
                colour: Colour::Blue,
                base_url: single.base_url,
                api_key: single.api_key,
            }],
            Err(_) => return Vec::new(),
        },
    };
    let mut instances: Vec<Instance> = Vec::new();
    for entry in stored {
        let Ok(name) = check_name(&entry.name, instances.iter().map(|i| i.name.as_str())) else {
            continue;
        };
        let Some(key) = ApiKey::new(&entry.api_key) else {
            continue;
        };
        let Ok(connection) = Connection::new(&entry.base_url, key) else {
            continue;
        };
        instances.push(Instance {
            name,
            colour: entry.colour,
            connection,
        });
    }
    instances
}

/// The instance a console URL's query (`?instance=staging&status=error`) names, if any.
pub fn requested(search: &str) -> Option<String> {
    Query::parse(search)
        .get(PARAM)
        .map(str::to_string)
        .filter(|name| !name.is_empty())
}

/// Which of `names` a URL shows: the one it names (in any case), or the first when it names none.
/// `Err` carries a name this tab does not hold (a link from another tab, a removed instance).
pub fn shown<'a>(
    names: impl IntoIterator<Item = &'a str>,
    requested: Option<&str>,
) -> Result<Option<String>, String> {
    let mut names = names.into_iter().peekable();
    match requested {
        None => Ok(names.next().map(str::to_string)),
        Some(wanted) => names
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .map(|n| Some(n.to_string()))
            .ok_or_else(|| wanted.to_string()),
    }
}

/// A console route (`/executions?status=error`) showing `instance` (`None`: the first instance,
/// which needs no parameter). Any `instance` the route had is replaced.
pub fn route_on(route: &str, instance: Option<&str>) -> String {
    let (path, search) = route.split_once('?').unwrap_or((route, ""));
    let mut query = Query::new();
    for (key, value) in Query::parse(search).pairs() {
        if key != PARAM {
            query = query.push(key, value.clone());
        }
    }
    query = query.push_opt(PARAM, instance);
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.encode())
    }
}

/// The section a route is in (`/workflows/abc` -> `/workflows`): where switching instance goes,
/// since an id on one instance means nothing on another.
pub fn section(route: &str) -> String {
    let path = route.split('?').next().unwrap_or("");
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    if first.is_empty() {
        "/workflows".to_string()
    } else {
        format!("/{first}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(name: &str, url: &str) -> Instance {
        Instance {
            name: name.into(),
            colour: Colour::Blue,
            connection: Connection::new(url, ApiKey::new("k-123").unwrap()).unwrap(),
        }
    }

    #[test]
    fn names_are_short_link_safe_and_unique_in_any_case() {
        assert_eq!(check_name(" staging ", []), Ok("staging".into()));
        assert!(check_name("", []).is_err());
        assert!(check_name("prod env", []).is_err());
        assert!(check_name("prod/1", []).is_err());
        assert!(check_name(&"x".repeat(25), []).is_err());
        assert_eq!(check_name(&"x".repeat(24), []), Ok("x".repeat(24)));
        let err = check_name("Main", ["main"]).unwrap_err();
        assert!(err.contains("already"), "{err}");
    }

    #[test]
    fn stored_instances_round_trip_in_order() {
        let mut staging = instance("staging", "/n8n/staging");
        staging.colour = Colour::Amber;
        let both = vec![instance("main", ""), staging];
        let json = encode(&both).unwrap();
        assert_eq!(decode(&json), both);
    }

    #[test]
    fn an_earlier_consoles_single_connection_is_the_first_instance() {
        let got = decode(r#"{"baseUrl":"","apiKey":"k-1"}"#);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].name, FIRST_NAME);
        assert_eq!(got[0].connection.base_url, "");
    }

    #[test]
    fn entries_that_could_not_have_been_stored_are_left_out() {
        let json = r#"{"instances":[
            {"name":"main","colour":"blue","baseUrl":"","apiKey":"k"},
            {"name":"MAIN","colour":"red","baseUrl":"","apiKey":"k"},
            {"name":"bad name","colour":"red","baseUrl":"","apiKey":"k"},
            {"name":"ftp","colour":"red","baseUrl":"ftp://x","apiKey":"k"},
            {"name":"nokey","colour":"red","baseUrl":"","apiKey":""},
            {"name":"ok","colour":"green","baseUrl":"https://n8n.example","apiKey":"k"}
        ]}"#;
        let names: Vec<_> = decode(json).into_iter().map(|i| i.name).collect();
        assert_eq!(names, ["main", "ok"]);
        assert!(decode("not json").is_empty());
        assert!(decode(r#"{"instances":[{"name":1}]}"#).is_empty());
    }

    #[test]
    fn a_url_shows_the_instance_it_names_or_the_first() {
        let names = ["main", "staging"];
        assert_eq!(shown(names, None), Ok(Some("main".into())));
        assert_eq!(shown(names, Some("STAGING")), Ok(Some("staging".into())));
        assert_eq!(shown(names, Some("prod")), Err("prod".into()));
        assert_eq!(shown([], None), Ok(None));
        assert_eq!(
            requested("?status=error&instance=staging"),
            Some("staging".into())
        );
        assert_eq!(requested("instance="), None);
        assert_eq!(requested(""), None);
    }

    #[test]
    fn routes_carry_the_instance_and_drop_an_old_one() {
        assert_eq!(route_on("/workflows", None), "/workflows");
        assert_eq!(
            route_on("/workflows", Some("staging")),
            "/workflows?instance=staging"
        );
        assert_eq!(
            route_on("/executions?status=error&instance=old", Some("new")),
            "/executions?status=error&instance=new"
        );
        assert_eq!(route_on("/tags?instance=old", None), "/tags");
    }

    #[test]
    fn switching_goes_to_the_section() {
        assert_eq!(section("/workflows/abc?x=1"), "/workflows");
        assert_eq!(section("/executions"), "/executions");
        assert_eq!(section("/"), "/workflows");
        assert_eq!(section(""), "/workflows");
    }

    #[test]
    fn colours_are_handed_out_unused_first() {
        assert_eq!(Colour::unused(&[]), Colour::Blue);
        assert_eq!(Colour::unused(&[Colour::Blue]), Colour::Green);
        assert_eq!(Colour::unused(&Colour::ALL), Colour::Blue);
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.key()), Some(c));
        }
        assert_eq!(Colour::parse("pink"), None);
    }

    #[test]
    fn a_debug_print_shows_no_key() {
        let text = format!("{:?}", instance("main", ""));
        assert!(!text.contains("k-123"), "{text}");
    }
}
