//! API keys: the models for both back ends (the seeds' `/api/v1/api-keys` and real n8n's `/rest/api-keys`).

use std::fmt;

use serde::{Deserialize, Deserializer};

use super::de;

/// A listed key: the key itself is redacted (`******nx78`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyInfo {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub label: String,
    /// The redacted key as n8n lists it.
    #[serde(default, deserialize_with = "de::null_default")]
    pub api_key: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Unix seconds, or none for a key that never expires.
    #[serde(default)]
    pub expires_at: Option<i64>,
    #[serde(default)]
    pub last_used_at: Option<String>,
}

/// The answer to a create: the listed fields plus the raw key, shown once.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub info: ApiKeyInfo,
    pub raw_api_key: RawKey,
}

/// A freshly created key. `Debug` hides it; only the reveal dialog reads it, through `expose`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct RawKey(String);

impl RawKey {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RawKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawKey(hidden)")
    }
}

impl fmt::Debug for CreatedApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreatedApiKey")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

/// Real n8n wraps answers in `{"data": ...}`; the seeds' contract sends them bare. Both decode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wrapped<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Wrapped<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either<T> {
            Data { data: T },
            Bare(T),
        }
        Ok(Wrapped(match Either::deserialize(d)? {
            Either::Data { data } => data,
            Either::Bare(t) => t,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_back_ends_decode() {
        let seeds = r#"[{"id":"key_123","label":"Production API Key","apiKey":"n8n_api_••••cdef","createdAt":"2024-01-15T10:30:00.000Z","expiresAt":null,"scopes":["workflow:read"]}]"#;
        let real = r#"{"data":[{"id":"k1","label":"ci","apiKey":"******nx78","scopes":["tag:list"],"expiresAt":1790000000,"audience":"public-api","userId":"u"}]}"#;
        let Wrapped(a): Wrapped<Vec<ApiKeyInfo>> = serde_json::from_str(seeds).unwrap();
        let Wrapped(b): Wrapped<Vec<ApiKeyInfo>> = serde_json::from_str(real).unwrap();
        assert_eq!(
            (a[0].label.as_str(), a[0].expires_at),
            ("Production API Key", None)
        );
        assert_eq!(
            (b[0].api_key.as_str(), b[0].expires_at),
            ("******nx78", Some(1790000000))
        );
    }

    #[test]
    fn raw_key_never_debug_prints() {
        let created: Wrapped<CreatedApiKey> = serde_json::from_str(
            r#"{"data":{"id":"k2","label":"new","apiKey":"******abcd","rawApiKey":"eyJhbGciOiJIUzI1NiJ9.topsecret.abcd","scopes":[]}}"#,
        )
        .unwrap();
        assert_eq!(
            created.0.raw_api_key.expose(),
            "eyJhbGciOiJIUzI1NiJ9.topsecret.abcd"
        );
        let shown = format!("{:?}", created);
        assert!(!shown.contains("topsecret"), "{shown}");
    }
}
