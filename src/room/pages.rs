//! The phone pages and the routes that serve them: join, one question per screen, thank-you, and
//! the facilitator's paced part walked one question per page. Plain HTML forms with
//! post/redirect/get, so they work with JavaScript off; with it on, one small script of the
//! program's own reloads a seat's page when the facilitator's pacing moves on. askama escapes
//! every value.
//! Everything lives under `/<room code>`; any other path is a 404, held back longer for an address
//! that keeps guessing. A page only ever shows its own seat's question and answer.

use std::sync::{Arc, Mutex};

use askama::Template;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

use super::Peer;
use super::state::{RoomState, Seat, SeatPace, lock};
use crate::model::item_kind::Entry;
use crate::model::questionnaire::ItemKind;
use crate::model::response::Answer;
use crate::session::{Moved, PacedPart, Participant, SessionError};

/// Nothing but the program's own stylesheet, icon and one small script (which only asks the room
/// whether the facilitator moved on: hence `connect-src 'self'`); no inline script or style, no
/// eval, no framing.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; \
                   frame-ancestors 'none'";
const COOKIE: &str = "hero_room";
const STYLESHEET: &str = include_str!("../../templates/room/style.css");
const SCRIPT: &str = include_str!("../../templates/room/room.js");
const ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">\
                    <rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#2b6cb0\"/></svg>";

pub(crate) fn router(state: Arc<RoomState>) -> Router {
    let room = Router::new()
        .route("/", get(join_page))
        .route("/join", post(join))
        .route("/q", get(question_page).post(submit))
        .route("/done", get(thanks_page))
        .route("/pace", get(pace))
        .route("/room.js", get(script))
        .route("/style.css", get(stylesheet))
        .route("/icon.svg", get(icon));
    let header = |name, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    Router::new()
        .nest(&format!("/{}", state.code), room)
        .fallback(not_found)
        .with_state(state)
        .layer(header(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

type Shared = State<Arc<RoomState>>;

#[derive(Template)]
#[template(path = "room/join.html")]
struct JoinPage<'a> {
    base: String,
    title: &'a str,
    token: &'a str,
    groups: &'a [String],
    max_name: usize,
    pace: Option<u64>,
}

#[derive(Template)]
#[template(path = "room/message.html")]
struct MessagePage<'a> {
    base: String,
    heading: &'a str,
    message: &'a str,
    show_restart: bool,
    /// Reload after this many seconds (the thank-you page: a prompt the facilitator puts on the
    /// room reaches those who have finished too).
    refresh_seconds: Option<u32>,
    /// The room's generation when drawn, for a seat's page: the script reloads it on a change.
    pace: Option<u64>,
}

struct OptionView {
    label: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "room/question.html")]
struct QuestionPage {
    base: String,
    token: String,
    at: usize,
    /// The person's own name or initials, so they see whose answers these are.
    name: Option<String>,
    number: usize,
    done: usize,
    total: usize,
    questionnaire: String,
    project: Option<String>,
    text: String,
    help: Option<String>,
    required: bool,
    error: Option<&'static str>,
    pick_one: bool,
    pick_several: bool,
    options: Vec<OptionView>,
    number_max: Option<u32>,
    text_multiline: Option<bool>,
    typed: String,
    max_text: usize,
    declined: bool,
    has_previous: bool,
    /// The generation of the facilitator-paced part this page asks; `number` and `total` then
    /// count the part's questions.
    paced: Option<u64>,
    /// The paced part's title ("Effort–value evaluation — Self-service portal") when it has
    /// several questions; a single prompt is its own legend.
    part_title: Option<String>,
    pace: Option<u64>,
}

/// Shown after answering a facilitator-paced prompt; reloads itself (a meta refresh, not a
/// script) so the phone moves on when the facilitator does.
#[derive(Template)]
#[template(path = "room/waiting.html")]
struct WaitingPage {
    base: String,
    refresh_seconds: u32,
    pace: Option<u64>,
}

/// What the question route shows a seat.
enum View {
    Question(Box<QuestionPage>),
    /// Done with the paced part on the room (its generation).
    Waiting(u64),
    /// The paced part on the room asks nothing of this seat (its generation).
    NotAsked(u64),
    /// Go elsewhere (the thank-you page).
    Redirect(String),
}

fn base(state: &RoomState) -> String {
    format!("/{}", state.code)
}

fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn message(state: &RoomState, status: StatusCode, heading: &str, text: &str) -> Response {
    let page = MessagePage {
        base: base(state),
        heading,
        message: text,
        show_restart: false,
        refresh_seconds: None,
        pace: None,
    };
    (status, render(&page)).into_response()
}

/// Anything outside the room code: 404, after a delay that grows with this address's misses.
async fn not_found(State(state): Shared, Extension(Peer(peer)): Extension<Peer>) -> Response {
    let delay = state.wrong_code(peer.ip());
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    (StatusCode::NOT_FOUND, "Not found\n").into_response()
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// The room's generation as text, for the script of a seat's page: it changes whenever the
/// facilitator puts a part on or takes it off, and says nothing else. Only for a seat.
async fn pace(State(state): Shared, headers: HeaderMap) -> Response {
    if seat_of(&state, &headers).is_none() {
        return (StatusCode::NOT_FOUND, "Not found\n").into_response();
    }
    let (_, generation) = state.pace();
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        generation.to_string(),
    )
        .into_response()
}

async fn icon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        ICON,
    )
        .into_response()
}

/// The seat whose secret the request's cookie carries.
fn seat_of(state: &RoomState, headers: &HeaderMap) -> Option<Arc<Mutex<Seat>>> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == COOKIE)
        .find_map(|(_, secret)| state.seat(secret))
}

async fn join_page(
    State(state): Shared,
    Extension(Peer(peer)): Extension<Peer>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    state.right_code(peer.ip());
    let fresh_start = uri.query().is_some_and(|query| query.contains("new=1"));
    if !fresh_start && seat_of(&state, &headers).is_some() {
        return see_other(&format!("{}/q", base(&state)));
    }
    render(&JoinPage {
        base: base(&state),
        title: &state.skeleton.workshop.title,
        token: &state.join_token,
        groups: &state.skeleton.workshop.groups,
        max_name: state.limits.max_name_chars,
        pace: None,
    })
}

/// The body of a form post, or the response refusing it (413 too large, 408 too slow).
async fn read_form(
    state: &RoomState,
    headers: &HeaderMap,
    body: Body,
) -> Result<Vec<(String, String)>, Response> {
    let limit = state.limits.max_body_bytes;
    let too_large = || {
        message(
            state,
            StatusCode::PAYLOAD_TOO_LARGE,
            "Too long",
            "That was more than this room accepts at once. Go back and shorten it.",
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let bytes: Bytes =
        match tokio::time::timeout(state.limits.body_timeout, axum::body::to_bytes(body, limit))
            .await
        {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(_)) => return Err(too_large()),
            Err(_) => return Err(StatusCode::REQUEST_TIMEOUT.into_response()),
        };
    Ok(form_urlencoded::parse(&bytes).into_owned().collect())
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

async fn join(State(state): Shared, headers: HeaderMap, body: Body) -> Response {
    let form = match read_form(&state, &headers, body).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    if field(&form, "token") != Some(state.join_token.as_str()) {
        return message(
            &state,
            StatusCode::FORBIDDEN,
            "Please start again",
            "This form is out of date. Open the room's address again.",
        );
    }
    let label = field(&form, "name").map(|name| {
        crate::storage::without_control_chars(name)
            .trim()
            .chars()
            .take(state.limits.max_name_chars)
            .collect::<String>()
    });
    let group = field(&form, "group")
        .filter(|group| {
            state
                .skeleton
                .workshop
                .groups
                .iter()
                .any(|known| known == group)
        })
        .map(str::to_owned);
    let joined = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || state.join(Participant { label, group })).await
    };
    let Ok(Some(secret)) = joined else {
        return message(
            &state,
            StatusCode::SERVICE_UNAVAILABLE,
            "The room is full",
            "Ask the facilitator to open another room.",
        );
    };
    let mut response = see_other(&format!("{}/q", base(&state)));
    let cookie = format!(
        "{COOKIE}={secret}; Path=/{}; Max-Age=86400; HttpOnly; SameSite=Strict",
        state.code
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Messages a redirect back to the question can carry (by key, so a URL can show nothing else).
fn error_text(key: &str) -> Option<&'static str> {
    match key {
        "required" => {
            Some("This question needs an answer (or choose \u{201c}Prefer not to answer\u{201d}).")
        }
        "number" => Some("Enter a whole number in the range shown."),
        "too_long" => Some("That answer is too long; please shorten it."),
        _ => None,
    }
}

async fn question_page(State(state): Shared, headers: HeaderMap, uri: Uri) -> Response {
    let Some(seat) = seat_of(&state, &headers) else {
        return see_other(&base(&state));
    };
    let error = uri
        .query()
        .and_then(|query| query.strip_prefix("e="))
        .and_then(error_text);
    let page = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || seat_view(&state, &lock(&seat), error)).await
    };
    match page {
        Ok(View::Question(page)) => render(&*page),
        Ok(View::Waiting(generation)) => render(&WaitingPage {
            base: base(&state),
            refresh_seconds: 3,
            pace: Some(generation),
        }),
        Ok(View::NotAsked(generation)) => render(&MessagePage {
            base: base(&state),
            heading: "Not your question",
            message: "This question is not part of your answers; wait for the next one.",
            show_restart: false,
            refresh_seconds: Some(3),
            pace: Some(generation),
        }),
        Ok(View::Redirect(location)) => see_other(&location),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Where a seat is in the paced part on the room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Walk {
    /// Asking the part's shown question at `position` (an index into the run's steps), number
    /// `number` of `count`; `previous` is the one before it in the part.
    Ask {
        position: usize,
        number: usize,
        count: usize,
        previous: Option<usize>,
    },
    /// Went through every shown question of this generation.
    Done,
    /// The seat's run has no shown question of the part (a project added after it joined).
    NotAsked,
}

/// The part's questions this seat is shown now, in order (show-if applied with its answers so
/// far, so an answer inside the part can show or hide the ones after it).
fn shown_positions(part: &PacedPart, seat: &Seat) -> Vec<usize> {
    part.positions(&seat.run, &seat.folder)
        .into_iter()
        .filter(|&position| seat.run.is_shown_at(&seat.folder, position))
        .collect()
}

/// Where the seat is in generation `generation` of `part`: a new generation starts at its first
/// shown question.
fn walk(part: &PacedPart, generation: u64, seat: &Seat) -> Walk {
    let shown = shown_positions(part, seat);
    if shown.is_empty() {
        return Walk::NotAsked;
    }
    let own = seat.paced.filter(|pace| pace.generation == generation);
    if own.is_some_and(|pace| pace.done) {
        return Walk::Done;
    }
    let at = own.map_or(shown[0], |pace| pace.position);
    // The question it was on, or the next shown one should a show-if have hidden it.
    let index = shown
        .iter()
        .position(|&position| position >= at)
        .unwrap_or(shown.len() - 1);
    Walk::Ask {
        position: shown[index],
        number: index + 1,
        count: shown.len(),
        previous: index.checked_sub(1).map(|before| shown[before]),
    }
}

/// The facilitator's part while one is on (one question per page, then a waiting page), else
/// the seat's own run.
fn seat_view(state: &RoomState, seat: &Seat, error: Option<&'static str>) -> View {
    let (part, generation) = state.pace();
    if let Some(part) = part {
        let (position, number, count, previous) = match walk(&part, generation, seat) {
            Walk::Done => return View::Waiting(generation),
            Walk::NotAsked => return View::NotAsked(generation),
            Walk::Ask {
                position,
                number,
                count,
                previous,
            } => (position, number, count, previous),
        };
        return match question_view(state, seat, position, error) {
            Ok(mut page) => {
                page.paced = Some(generation);
                page.pace = Some(generation);
                page.has_previous = previous.is_some();
                (page.number, page.done, page.total) = (number, number - 1, count);
                page.part_title = match &part {
                    PacedPart::Prompt(_) => None,
                    PacedPart::Entry { .. } => Some(part.title(&seat.folder)),
                };
                View::Question(Box::new(page))
            }
            Err(location) => View::Redirect(location),
        };
    }
    if seat.finished {
        return View::Redirect(format!("{}/done", base(state)));
    }
    match question_view(state, seat, seat.run.position, error) {
        Ok(mut page) => {
            page.pace = Some(generation);
            View::Question(Box::new(page))
        }
        Err(location) => View::Redirect(location),
    }
}

/// The seat's question at `position` (an index into its run's steps) as a page, or where to go
/// instead (the thank-you page).
fn question_view(
    state: &RoomState,
    seat: &Seat,
    position: usize,
    error: Option<&'static str>,
) -> Result<QuestionPage, String> {
    let (folder, run) = (&seat.folder, &seat.run);
    let done_page = format!("{}/done", base(state));
    let Some((questionnaire, item)) = item_at(seat, position) else {
        return Err(done_page);
    };
    let (done, total) = run.progress(folder);
    let answer = run.answer_at_position(folder, position);
    let kind_options = item.kind.options();
    let options = kind_options
        .iter()
        .map(|(option, label)| OptionView {
            label: label.clone(),
            chosen: match (answer, option) {
                (Some(Answer::Choices(ids)), Answer::Choice(id)) => ids.contains(id),
                (Some(given), option) => given == option,
                (None, _) => false,
            },
        })
        .collect();
    let entry = item.kind.entry();
    let (number_max, text_multiline) = match &item.kind {
        ItemKind::Count { max } => (Some(*max), None),
        ItemKind::Text { multiline } => (None, Some(*multiline)),
        ItemKind::Likert { .. }
        | ItemKind::Scale { .. }
        | ItemKind::YesNo
        | ItemKind::SingleChoice { .. }
        | ItemKind::MultipleChoice { .. } => (None, None),
    };
    let typed = seat
        .draft
        .clone()
        .unwrap_or_else(|| item.kind.typed_text(answer));
    Ok(QuestionPage {
        base: base(state),
        token: seat.form_token.clone(),
        at: position,
        name: run.response.label.clone(),
        number: (done + 1).min(total),
        done,
        total,
        questionnaire: questionnaire.title.clone(),
        project: run
            .steps
            .get(position)
            .and_then(|step| step.project.clone()),
        text: item.text.clone(),
        help: item.help.clone(),
        required: item.required,
        error,
        pick_one: entry == Entry::PickOne,
        pick_several: entry == Entry::PickSeveral,
        options,
        number_max,
        text_multiline,
        typed,
        max_text: state.limits.max_text_chars,
        declined: answer == Some(&Answer::Declined),
        has_previous: run.has_previous(folder),
        paced: None,
        part_title: None,
        pace: None,
    })
}

/// The questionnaire and item at `position` of the seat's run.
fn item_at(
    seat: &Seat,
    position: usize,
) -> Option<(
    &crate::model::questionnaire::Questionnaire,
    &crate::model::questionnaire::Item,
)> {
    let step = seat.run.steps.get(position)?;
    let questionnaire = seat.folder.catalog.get(&step.questionnaire)?;
    Some((questionnaire, questionnaire.items.get(step.item)?))
}

/// What a submitted question form led to.
enum Outcome {
    /// Show the (new) current question, with a message key.
    Question(Option<&'static str>),
    Finished,
    Forbidden,
    Failed(SessionError),
}

async fn submit(State(state): Shared, headers: HeaderMap, body: Body) -> Response {
    let Some(seat) = seat_of(&state, &headers) else {
        return see_other(&base(&state));
    };
    let form = match read_form(&state, &headers, body).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let outcome = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || apply(&state, &mut lock(&seat), &form)).await
    };
    let base = base(&state);
    match outcome {
        Ok(Outcome::Question(None)) => see_other(&format!("{base}/q")),
        Ok(Outcome::Question(Some(key))) => see_other(&format!("{base}/q?e={key}")),
        Ok(Outcome::Finished) => see_other(&format!("{base}/done")),
        Ok(Outcome::Forbidden) => message(
            &state,
            StatusCode::FORBIDDEN,
            "Please reload",
            "This form is out of date or not yours. Reload the page and answer again.",
        ),
        Ok(Outcome::Failed(error)) => {
            // The answer stays in memory; the person can try again, the facilitator sees why.
            eprintln!("room: an answer was not saved: {error}");
            message(
                &state,
                StatusCode::SERVICE_UNAVAILABLE,
                "Not saved yet",
                "Your answer could not be saved on the facilitator's laptop. Go back and try again, or tell the facilitator.",
            )
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Applies one question form to the seat: answer, decline or back, each saved through the run.
fn apply(state: &RoomState, seat: &mut Seat, form: &[(String, String)]) -> Outcome {
    if field(form, "token") != Some(seat.form_token.as_str()) {
        return Outcome::Forbidden;
    }
    if let Some(generation) = field(form, "paced") {
        return apply_paced(state, seat, form, generation);
    }
    if seat.finished {
        return Outcome::Finished;
    }
    // A form for another question (a second tab, the browser's back button) changes nothing.
    if field(form, "at").and_then(|at| at.parse::<usize>().ok()) != Some(seat.run.position) {
        return Outcome::Question(None);
    }
    seat.draft = None;
    let action = field(form, "action").unwrap_or("answer");
    if action == "back" {
        seat.run.back(&seat.folder);
        return Outcome::Question(None);
    }
    let moved = if action == "decline" {
        seat.run
            .decline(&mut seat.folder)
            .map(|moved| (moved, true))
    } else {
        match answer_from_form(state, seat, form, seat.run.position) {
            Ok(Some(answer)) => seat
                .run
                .answer(&mut seat.folder, answer)
                .map(|moved| (moved, true)),
            Ok(None) => Ok((seat.run.next(&seat.folder), false)),
            Err(key) => return Outcome::Question(Some(key)),
        }
    };
    match moved {
        Ok((Moved::Question, wrote)) => {
            state.note_progress(seat, wrote, false);
            Outcome::Question(None)
        }
        Ok((Moved::NeedsAnswer, wrote)) => {
            state.note_progress(seat, wrote, false);
            Outcome::Question(Some("required"))
        }
        Ok((Moved::End, wrote)) => {
            state.note_progress(seat, wrote, false);
            match seat.run.finish(&mut seat.folder) {
                Ok(_) => {
                    state.note_progress(seat, true, true);
                    Outcome::Finished
                }
                Err(error) => Outcome::Failed(error),
            }
        }
        Err(error) => Outcome::Failed(error),
    }
}

/// Applies a form of the facilitator's part: the answer (or decline) goes into the seat's own
/// response at that question, saved through the run, and the seat moves to the part's next shown
/// question, or waits for the next part after the last. As in the person's own run, an optional
/// question may be left empty, a required one may not. Back stays within the part. A form for
/// another question of the part on (a second tab) changes nothing; a form sent after the
/// facilitator moved on keeps its answer (see [`keep_late_answer`]).
fn apply_paced(
    state: &RoomState,
    seat: &mut Seat,
    form: &[(String, String)],
    generation: &str,
) -> Outcome {
    let at = field(form, "at").and_then(|at| at.parse::<usize>().ok());
    // Read once: the part on the room and its generation, as the form is judged against them.
    let (part, current) = state.pace();
    let same_round = generation.parse::<u64>().ok() == Some(current);
    let asked = part
        .filter(|_| same_round)
        .and_then(|part| match walk(&part, current, seat) {
            Walk::Ask {
                position, previous, ..
            } if at == Some(position) => Some((part, position, previous)),
            _ => None,
        });
    let Some((part, position, previous)) = asked else {
        // A form of this part's question already behind (a second tab, the browser's back
        // button) changes nothing. But when the facilitator moved on while this person
        // answered, what they gave is still their answer to that question: it is kept, and
        // they follow the room.
        return match at {
            Some(at) if !same_round => keep_late_answer(state, seat, form, at),
            _ => Outcome::Question(None),
        };
    };
    seat.draft = None;
    let started = seat
        .paced
        .is_some_and(|pace| pace.generation == current && pace.started);
    let answer = match field(form, "action").unwrap_or("answer") {
        "decline" => Some(Answer::Declined),
        "back" => {
            if let Some(previous) = previous {
                seat.paced = Some(SeatPace {
                    generation: current,
                    position: previous,
                    started,
                    done: false,
                });
            }
            return Outcome::Question(None);
        }
        _ => match answer_from_form(state, seat, form, position) {
            Ok(Some(answer)) => Some(answer),
            // Nothing given: on past an optional question (as in the person's own run), never
            // past a required one.
            Ok(None) => {
                let required = item_at(seat, position).is_some_and(|(_, item)| item.required);
                if required {
                    return Outcome::Question(Some("required"));
                }
                None
            }
            Err(key) => return Outcome::Question(Some(key)),
        },
    };
    let wrote = answer.is_some();
    if let Some(answer) = answer
        && let Err(error) = seat.run.record_at(&mut seat.folder, position, Some(answer))
    {
        return Outcome::Failed(error);
    }
    // Asked after the answer: it may have shown or hidden the part's later questions.
    let next = shown_positions(&part, seat)
        .into_iter()
        .find(|&later| later > position);
    state.note_progress(seat, wrote, false);
    state.note_paced_answer(
        seat,
        SeatPace {
            generation: current,
            position: next.unwrap_or(position),
            started: true,
            done: next.is_none(),
        },
    );
    Outcome::Question(None)
}

/// Saves the answer of a paced form sent after the facilitator moved on (an answer or a decline;
/// nothing for Back, an empty or refused field, or a position the seat's run does not have).
fn keep_late_answer(
    state: &RoomState,
    seat: &mut Seat,
    form: &[(String, String)],
    position: usize,
) -> Outcome {
    if position >= seat.run.steps.len() {
        return Outcome::Question(None);
    }
    let answer = match field(form, "action").unwrap_or("answer") {
        "decline" => Some(Answer::Declined),
        "back" => None,
        _ => answer_from_form(state, seat, form, position).ok().flatten(),
    };
    seat.draft = None;
    let Some(answer) = answer else {
        return Outcome::Question(None);
    };
    match seat.run.record_at(&mut seat.folder, position, Some(answer)) {
        Ok(_) => {
            state.note_progress(seat, true, false);
            Outcome::Question(None)
        }
        Err(error) => Outcome::Failed(error),
    }
}

/// The answer a question form gives for the question at `position` (`None`: nothing given, move
/// on if allowed), or the key of the message saying why it is refused.
fn answer_from_form(
    state: &RoomState,
    seat: &mut Seat,
    form: &[(String, String)],
    position: usize,
) -> Result<Option<Answer>, &'static str> {
    let Some((_, item)) = item_at(seat, position) else {
        return Ok(None);
    };
    let options = item.kind.options();
    match item.kind.entry() {
        Entry::PickOne => Ok(field(form, "pick")
            .and_then(|pick| pick.parse::<usize>().ok())
            .and_then(|index| options.get(index))
            .map(|(answer, _)| answer.clone())),
        Entry::PickSeveral => {
            let mut chosen: Vec<usize> = form
                .iter()
                .filter(|(key, _)| key == "choice")
                .filter_map(|(_, value)| value.parse::<usize>().ok())
                .filter(|index| *index < options.len())
                .collect();
            chosen.sort_unstable();
            chosen.dedup();
            let ids: Vec<String> = chosen
                .into_iter()
                .filter_map(|index| match &options[index].0 {
                    Answer::Choice(id) => Some(id.clone()),
                    _ => None,
                })
                .collect();
            Ok((!ids.is_empty()).then_some(Answer::Choices(ids)))
        }
        Entry::Typed => {
            let typed = field(form, "typed").unwrap_or_default();
            if typed.chars().count() > state.limits.max_text_chars {
                seat.draft = Some(typed.chars().take(state.limits.max_text_chars).collect());
                return Err("too_long");
            }
            let typed = crate::storage::without_control_chars(typed);
            match item.kind.parse_typed(&typed) {
                Some(answer) => Ok(Some(answer)),
                None if typed.trim().is_empty() => Ok(None),
                None => {
                    seat.draft = Some(typed.into_owned());
                    Err("number")
                }
            }
        }
    }
}

async fn thanks_page(State(state): Shared, headers: HeaderMap) -> Response {
    // A finished person still answers the facilitator's parts.
    let finished = seat_of(&state, &headers).is_some_and(|seat| lock(&seat).finished);
    let (part, generation) = state.pace();
    if !finished || part.is_some() {
        return see_other(&format!("{}/q", base(&state)));
    }
    render(&MessagePage {
        base: base(&state),
        heading: "Thank you",
        message: "Your answers are saved on the facilitator's laptop. You can close this page.",
        show_restart: true,
        refresh_seconds: Some(10),
        pace: Some(generation),
    })
}
