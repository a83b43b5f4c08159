//! Browser tests (headless Chromium through wasm-bindgen-test): the glue that only a browser can run.
//! Guards: sessionStorage handling of the keys (several instances, a 401 ending only its own), the session's sign-in/sign-out, routing of signed-out
//! visitors to /connect, the pager's enabled states and moves, error notices, Intl time formatting, the
//! modal confirm dialog (one confirmation, leaves the DOM on close), the toast live regions, and the
//! scope picker (tri-state groups, presets, filter).
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use n8n_console::api::paging::Position;
use n8n_console::api::{ApiError, ApiKey, Connection};
use n8n_console::browser::{storage, time};
use n8n_console::components::{ErrorNotice, Pager};
use n8n_console::session::{Session, STORAGE_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount into, so tests do not see each other's DOM.
fn container() -> HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn button(root: &Element, name: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name}"))
}

fn local_storage_text() -> String {
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    (0..local.length().unwrap())
        .filter_map(|i| local.key(i).unwrap())
        .map(|k| format!("{k}={}", local.get_item(&k).unwrap().unwrap_or_default()))
        .collect()
}

async fn settle() {
    for _ in 0..5 {
        tick().await;
    }
}

/// Waits for the browser's next timer turn.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Polls `done` every 20 ms for up to 2 s; redirects and effects settle on the browser's schedule.
async fn eventually(what: &str, done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

#[wasm_bindgen_test]
fn storage_round_trip() {
    assert!(storage::available());
    assert!(storage::set("n8n-console.test", "value"));
    assert_eq!(storage::get("n8n-console.test").as_deref(), Some("value"));
    storage::remove("n8n-console.test");
    assert_eq!(storage::get("n8n-console.test"), None);
}

#[wasm_bindgen_test]
fn session_keeps_the_key_in_session_storage_only_and_sign_out_wipes_it() {
    storage::remove(STORAGE_KEY);
    let owner = Owner::new();
    owner.with(|| {
        let session = Session::provide();
        assert!(!session.is_connected());
        let key = ApiKey::new("test-key-abcd-1234").unwrap();
        session.start(Connection::new("", key).unwrap());
        assert!(session.is_connected());
        assert!(!session.memory_only());
        let stored = storage::get(STORAGE_KEY).expect("stored");
        assert!(stored.contains("test-key-abcd-1234"));
        assert!(!local_storage_text().contains("test-key-abcd-1234"));
        let href = web_sys::window().unwrap().location().href().unwrap();
        assert!(!href.contains("test-key"));

        // A new session in the same tab (a reload) finds it again.
        let reloaded = Owner::new();
        reloaded.with(|| assert!(Session::provide().is_connected()));

        session.sign_out(Some("bye".into()));
        assert!(!session.is_connected());
        assert_eq!(storage::get(STORAGE_KEY), None);
        assert_eq!(session.notice().as_deref(), Some("bye"));
    });
}

#[wasm_bindgen_test]
fn a_401_ends_the_session_other_errors_do_not() {
    let owner = Owner::new();
    owner.with(|| {
        let session = Session::provide();
        session.start(Connection::new("", ApiKey::new("k-401").unwrap()).unwrap());
        session.handle_error(&ApiError::Forbidden("Forbidden".into()));
        session.handle_error(&ApiError::Server {
            status: 500,
            message: None,
        });
        assert!(session.is_connected());
        session.handle_error(&ApiError::Unauthorized("unauthorized".into()));
        assert!(!session.is_connected());
        assert!(session.notice().unwrap().contains("401"));
        assert_eq!(storage::get(STORAGE_KEY), None);
    });
}

#[wasm_bindgen_test]
fn several_instances_are_kept_shown_by_name_and_a_401_ends_only_its_own() {
    let two = r#"{"instances":[
        {"name":"main","colour":"blue","baseUrl":"","apiKey":"k-main-1"},
        {"name":"staging","colour":"amber","baseUrl":"/n8n/staging","apiKey":"k-staging-1"}
    ]}"#;
    storage::set(STORAGE_KEY, two);
    let owner = Owner::new();
    owner.with(|| {
        let session = Session::provide();
        assert_eq!(session.shown().unwrap().name, "main", "the first is shown");
        assert_eq!(session.route("/tags"), "/tags");
        session.show("staging");
        assert_eq!(session.connection().unwrap().base_url, "/n8n/staging");
        assert_eq!(session.route("/tags?x=1"), "/tags?x=1&instance=staging");
        assert_eq!(
            session.client_on("main", None).unwrap().connection.base_url,
            ""
        );

        // staging's key is rejected: staging goes, main stays (and is shown).
        session.handle_error(&ApiError::Unauthorized("unauthorized".into()));
        assert!(session.is_connected());
        assert_eq!(session.shown().unwrap().name, "main");
        let stored = storage::get(STORAGE_KEY).unwrap();
        assert!(!stored.contains("k-staging-1") && stored.contains("k-main-1"));
        assert!(!local_storage_text().contains("k-main-1"));

        // The last one's 401 signs out.
        session.handle_error_on("main", &ApiError::Unauthorized("unauthorized".into()));
        assert!(!session.is_connected());
        assert_eq!(storage::get(STORAGE_KEY), None);
    });
}

#[wasm_bindgen_test]
async fn signed_out_visitors_are_sent_to_connect() {
    storage::remove(STORAGE_KEY);
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/tags?x=1"))
        .unwrap();
    let root = container();
    let _app = mount_to(root.clone(), n8n_console::App);
    eventually("the redirect to /connect", || {
        window.location().pathname().unwrap() == "/connect"
    })
    .await;
    assert_eq!(window.location().search().unwrap(), "?next=%2Ftags%3Fx%3D1");
    let h1 = root.query_selector("h1").unwrap().unwrap();
    assert_eq!(h1.text_content().unwrap(), "Connect to n8n");
    // Masked text, not a password field: password managers must not offer to keep the key.
    assert!(root
        .query_selector("input[type=password]")
        .unwrap()
        .is_none());
    let key = root.query_selector("input.secret-input").unwrap().unwrap();
    assert_eq!(key.get_attribute("autocomplete").as_deref(), Some("off"));
    let label = key
        .closest("label")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(label.starts_with("API key"), "{label}");
    button(&root, "Connect");
    root.remove();
}

#[wasm_bindgen_test]
async fn signed_in_shell_has_navigation_and_sign_out() {
    let key = ApiKey::new("shell-key").unwrap();
    let stored = format!(r#"{{"baseUrl":"","apiKey":"{}"}}"#, key.expose());
    assert!(storage::set(STORAGE_KEY, &stored));
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/variables"))
        .unwrap();
    let root = container();
    let _app = mount_to(root.clone(), n8n_console::App);
    settle().await;
    assert_eq!(window.location().pathname().unwrap(), "/variables");
    assert_eq!(
        root.query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Variables"
    );
    let links: Vec<String> = {
        let nodes = root.query_selector_all("nav[aria-label=Main] a").unwrap();
        (0..nodes.length())
            .map(|i| nodes.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(
        links,
        [
            "Overview",
            "Workflows",
            "Executions",
            "Compare",
            "Audit",
            "API keys",
            "Tags",
            "Variables"
        ]
    );
    // A single connection stored by an earlier console is the first instance, and the bar says so.
    let shown = root
        .query_selector(".instance-bar select")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap();
    assert_eq!(shown.value(), "main");
    let current = root
        .query_selector("a[aria-current=page]")
        .unwrap()
        .unwrap();
    assert_eq!(current.text_content().unwrap(), "Variables");

    button(&root, "Sign out").click();
    settle().await;
    assert_eq!(storage::get(STORAGE_KEY), None);
    assert_eq!(window.location().pathname().unwrap(), "/connect");
    root.remove();
}

#[wasm_bindgen_test]
async fn pager_enables_only_possible_moves_and_reports_them() {
    let root = container();
    let position = RwSignal::new(Position::first(10).next("c2"));
    let next_cursor = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let chosen = RwSignal::new(None::<Position>);
    let _pager = mount_to(root.clone(), move || {
        view! {
            <Pager
                position
                next_cursor
                rows=Signal::derive(|| 7)
                busy
                on_change=Callback::new(move |p| chosen.set(Some(p)))
            />
        }
    });
    settle().await;
    let previous = button(&root, "Previous page");
    let next = button(&root, "Next page");
    assert!(!previous.has_attribute("disabled"));
    assert!(next.has_attribute("disabled"));
    assert!(root.text_content().unwrap().contains("Page 2 · rows 11–17"));

    // While a page loads, a click does nothing: one click moves one page.
    busy.set(true);
    previous.click();
    assert_eq!(chosen.get_untracked(), None);
    busy.set(false);
    previous.click();
    assert_eq!(chosen.get_untracked(), Some(Position::first(10)));

    next_cursor.set(Some("c3".into()));
    settle().await;
    assert!(!next.has_attribute("disabled"));
    next.click();
    assert_eq!(chosen.get_untracked().unwrap().cursor(), Some("c3"));

    // Rows per page starts again at page 1.
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("50");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    assert_eq!(chosen.get_untracked(), Some(Position::first(50)));
    root.remove();
}

#[wasm_bindgen_test]
async fn error_notice_is_an_alert_in_plain_words() {
    let root = container();
    let _notice = mount_to(root.clone(), || {
        view! {
            <ErrorNotice error=ApiError::NotJson { status: 200, content_type: "text/html".into() } />
            <ErrorNotice
                error=ApiError::Server { status: 502, message: None }
                retry=Callback::new(|()| {})
            />
        }
    });
    settle().await;
    let alerts = root.query_selector_all("[role=alert]").unwrap();
    assert_eq!(alerts.length(), 2);
    let text = root.text_content().unwrap();
    assert!(text.contains("not n8n's API"), "{text}");
    assert!(text.contains("no good answer from it (502)"), "{text}");
    // Only the transient error offers a retry.
    assert_eq!(root.query_selector_all("button").unwrap().length(), 1);
    root.remove();
}

#[wasm_bindgen_test]
fn intl_relative_and_absolute_times() {
    let three_minutes_ago = js_sys::Date::new(&(js_sys::Date::now() - 180_000.0).into());
    let iso: String = three_minutes_ago.to_iso_string().into();
    assert_eq!(time::relative(&iso), "3 minutes ago");
    let exact = time::absolute(&iso);
    assert!(
        exact.chars().any(|c| c.is_ascii_digit()) && exact != iso,
        "{exact}"
    );
    assert_eq!(time::relative("not a date"), "not a date");
}

#[wasm_bindgen_test]
async fn confirm_dialog_is_a_modal_dialog_that_sends_one_confirmation() {
    let root = container();
    let open = RwSignal::new(true);
    let busy = RwSignal::new(false);
    let confirmed = RwSignal::new(0);
    let _dialog = mount_to(root.clone(), move || {
        use n8n_console::components::ConfirmDialog;
        view! {
            <Show when=move || open.get()>
                <ConfirmDialog
                    title="Delete execution 7?".to_string()
                    confirm_label="Delete"
                    busy
                    on_confirm=Callback::new(move |()| {
                        confirmed.update(|n| *n += 1);
                        busy.set(true);
                    })
                    on_cancel=Callback::new(move |()| open.set(false))
                >
                    <p>"Gone for good."</p>
                </ConfirmDialog>
            </Show>
        }
    });
    eventually("the dialog to open", || {
        root.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog = root.query_selector("dialog").unwrap().unwrap();
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    let title = document().get_element_by_id(&title_id).unwrap();
    assert_eq!(title.text_content().unwrap(), "Delete execution 7?");
    // showModal(), not a plain open attribute: the page behind is inert.
    let modal: bool = js_sys::Reflect::get(&dialog, &"matches".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&dialog, &":modal".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    assert!(modal, "the dialog is modal");

    let delete = button(&root, "Delete");
    delete.click();
    settle().await;
    delete.click(); // busy now: ignored
    assert_eq!(confirmed.get_untracked(), 1);
    assert!(delete.has_attribute("disabled"));

    button(&root, "Cancel").click();
    settle().await;
    assert!(
        root.query_selector("dialog").unwrap().is_none(),
        "closed dialogs leave the DOM"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn toasts_announce_successes_politely_and_failures_as_alerts() {
    use n8n_console::components::{ToastRegion, Toasts};
    let root = container();
    let toasts = StoredValue::new(None::<Toasts>);
    let _region = mount_to(root.clone(), move || {
        toasts.set_value(Some(Toasts::provide()));
        view! { <ToastRegion /> }
    });
    let t = toasts.get_value().unwrap();
    t.success("Retried execution 12 as execution 40");
    t.failure("Could not delete execution 9: n8n answered 500");
    settle().await;
    let status = root.query_selector("[role=status]").unwrap().unwrap();
    assert!(status
        .text_content()
        .unwrap()
        .contains("Retried execution 12"));
    let alert = root.query_selector("[role=alert]").unwrap().unwrap();
    assert!(alert.text_content().unwrap().contains("Could not delete"));
    let dismiss = alert.query_selector("button").unwrap().unwrap();
    assert_eq!(
        dismiss.get_attribute("aria-label").as_deref(),
        Some("Dismiss")
    );
    dismiss.unchecked_into::<HtmlElement>().click();
    settle().await;
    assert!(root.query_selector("[role=alert]").unwrap().is_none());
    root.remove();
}

fn checkbox_named(root: &Element, group: &str, name: &str) -> web_sys::HtmlInputElement {
    let fieldsets = root.query_selector_all("fieldset").unwrap();
    let fieldset = (0..fieldsets.length())
        .filter_map(|i| fieldsets.item(i))
        .map(|n| n.unchecked_into::<Element>())
        .find(|f| {
            f.query_selector("legend")
                .unwrap()
                .and_then(|l| l.text_content())
                .as_deref()
                == Some(group)
        })
        .unwrap_or_else(|| panic!("no group {group}"));
    let labels = fieldset.query_selector_all("label").unwrap();
    (0..labels.length())
        .filter_map(|i| labels.item(i))
        .map(|n| n.unchecked_into::<Element>())
        .find(|l| l.text_content().unwrap_or_default().trim() == name)
        .and_then(|l| l.query_selector("input").unwrap())
        .unwrap_or_else(|| panic!("no checkbox {name} in {group}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn scope_picker_groups_are_tri_state_and_presets_choose_scopes() {
    use n8n_console::api::scopes::Selection;
    use n8n_console::components::ScopePicker;
    let root = container();
    let available: Vec<String> = [
        "workflow:create",
        "workflow:read",
        "workflow:list",
        "tag:create",
        "tag:list",
        "execution:retry",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let selection = RwSignal::new(Selection::default());
    let offered = available.clone();
    let _picker = mount_to(root.clone(), move || {
        view! { <ScopePicker available=Signal::derive(move || offered.clone()) selection /> }
    });
    settle().await;
    let count = || {
        root.query_selector(".scope-count")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(count(), "0 of 6 scopes selected");

    // One scope of a group: its Select all is indeterminate, not checked.
    let tag_list = checkbox_named(&root, "tag", "tag:list");
    tag_list.click();
    settle().await;
    let tag_all = checkbox_named(&root, "tag", "Select all");
    assert!(tag_all.indeterminate() && !tag_all.checked());
    assert_eq!(count(), "1 of 6 scopes selected");
    // Select all completes the group; again empties it.
    tag_all.click();
    settle().await;
    assert!(tag_all.checked() && !tag_all.indeterminate());
    assert!(checkbox_named(&root, "tag", "tag:create").checked());
    tag_all.click();
    settle().await;
    assert!(!tag_all.checked() && !tag_all.indeterminate());
    assert!(selection.get_untracked().is_empty());

    button(&root, "Read only").click();
    settle().await;
    assert_eq!(
        selection.get_untracked().to_vec(&available),
        ["workflow:read", "workflow:list", "tag:list"]
    );
    assert!(checkbox_named(&root, "workflow", "Select all").indeterminate());
    button(&root, "Full access").click();
    settle().await;
    assert_eq!(count(), "6 of 6 scopes selected");
    assert!(checkbox_named(&root, "execution", "Select all").checked());
    button(&root, "Clear").click();
    settle().await;
    assert_eq!(count(), "0 of 6 scopes selected");

    // The filter hides what does not match.
    let filter: web_sys::HtmlInputElement = root
        .query_selector(".scope-filter input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    filter.set_value("retry");
    filter
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    let legends = root.query_selector_all("legend").unwrap();
    assert_eq!(legends.length(), 1);
    assert_eq!(
        legends.item(0).unwrap().text_content().unwrap(),
        "execution"
    );
    root.remove();
}
