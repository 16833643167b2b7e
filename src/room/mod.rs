//! Room mode: the laptop serves the open workshop on the local network and everyone answers on
//! their own phone, in a plain browser, with the answers written straight into the workshop folder.
//! A front end beside `app` and `cli`, on the session layer: each person who joins gets a seat
//! with a [`crate::session::ParticipantRun`], and every answer goes through it (and so through the
//! one atomic writer) the moment it is submitted. Builds without the `gui` feature.
//!
//! Security (see the README's "Room mode"): every page sits under a fresh random room code and
//! anything else is a 404, slowed down for an address that keeps guessing; a seat is reached only
//! with its own secret cookie (HttpOnly, SameSite=Strict) and its forms carry an anti-forgery
//! token; pages are escaped templates under a Content-Security-Policy of `'self'` only; request
//! bodies, text answers, header and body read times and concurrent connections are all capped. No
//! page shows results or anyone else's answers.

mod pages;
mod state;

pub use state::RoomStatus;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Semaphore, watch};
use tower::Service;

use crate::storage::folder::WorkshopFolder;
use crate::storage::paths::Paths;
use crate::storage::{self, Problem};
use state::RoomState;

/// The port `serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 8080;

/// What one phone, or one stranger, may ask of the server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A larger request body is refused with 413.
    pub max_body_bytes: usize,
    /// A longer text answer is refused (the person is asked to shorten it).
    pub max_text_chars: usize,
    /// Name or initials are cut to this.
    pub max_name_chars: usize,
    /// A connection that has not sent a whole request head by then is closed.
    pub header_timeout: Duration,
    /// A request whose body has not arrived by then fails.
    pub body_timeout: Duration,
    /// A connection is asked to close after this, however busy (phones reconnect at once).
    pub connection_lifetime: Duration,
    /// Connections served at once; more wait in the system's queue.
    pub max_connections: usize,
    /// Seats in one room.
    pub max_participants: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body_bytes: 16 * 1024,
            max_text_chars: 2000,
            max_name_chars: 60,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            connection_lifetime: Duration::from_secs(120),
            max_connections: 1024,
            max_participants: 2000,
        }
    }
}

/// Where the room listens and what it allows.
#[derive(Debug, Clone)]
pub struct RoomConfig {
    /// `0.0.0.0` (every network of the laptop) unless the facilitator picks one address.
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub limits: Limits,
}

impl Default for RoomConfig {
    fn default() -> Self {
        Self {
            bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            port: DEFAULT_PORT,
            limits: Limits::default(),
        }
    }
}

/// Why a room did not open.
#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    /// The workshop folder could not be opened, or answers could not be written into it.
    #[error("{0}")]
    Folder(Problem),
    #[error("could not listen on {address}: {error}; choose another --port or --bind address")]
    Listen {
        address: SocketAddr,
        error: std::io::Error,
    },
    #[error("could not start the room server: {0}")]
    Runtime(std::io::Error),
}

/// An open room. Dropping it (or [`Room::close`]) stops the server after the requests in flight,
/// and so the answers being written, have finished.
pub struct Room {
    state: Arc<RoomState>,
    address: SocketAddr,
    urls: Vec<String>,
    shutdown: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Room {
    /// Opens the workshop in `dir` and starts serving it. Refuses a folder it cannot write answers
    /// into, before anyone could join.
    pub fn open(dir: &Path, paths: &Paths, config: RoomConfig) -> Result<Self, RoomError> {
        let folder = crate::session::open_workshop(dir, paths).map_err(RoomError::Folder)?;
        Self::open_folder(&folder, config)
    }

    /// [`Room::open`] for a workshop already open (the app's).
    pub fn open_folder(folder: &WorkshopFolder, config: RoomConfig) -> Result<Self, RoomError> {
        check_writable(folder).map_err(RoomError::Folder)?;
        let state = Arc::new(RoomState::new(folder, config.limits.clone()));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("hero-room")
            .enable_all()
            .build()
            .map_err(RoomError::Runtime)?;
        // Bound here, with std, so a taken port is reported to the caller (who may itself be
        // inside an async runtime, where blocking on ours would panic).
        let wanted = SocketAddr::new(config.bind, config.port);
        let listen_error = |error| RoomError::Listen {
            address: wanted,
            error,
        };
        let listener = std::net::TcpListener::bind(wanted).map_err(listen_error)?;
        listener.set_nonblocking(true).map_err(listen_error)?;
        let address = listener.local_addr().map_err(RoomError::Runtime)?;
        let urls = join_urls(&state.code, address);
        let (shutdown, shutdown_seen) = watch::channel(false);
        let router = pages::router(state.clone());
        let limits = config.limits;
        let thread = std::thread::Builder::new()
            .name("hero-room".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => serve(listener, router, limits, shutdown_seen).await,
                        Err(error) => eprintln!("room: could not listen: {error}"),
                    }
                });
                // Writes still running in blocking threads finish before the runtime goes.
                runtime.shutdown_timeout(Duration::from_secs(30));
            })
            .map_err(RoomError::Runtime)?;
        Ok(Self {
            state,
            address,
            urls,
            shutdown,
            thread: Some(thread),
        })
    }

    /// The address to join with: the first of [`Room::urls`].
    pub fn join_url(&self) -> &str {
        &self.urls[0]
    }

    /// Every address phones can join with, the likeliest first (one per network of the laptop).
    pub fn urls(&self) -> &[String] {
        &self.urls
    }

    /// The room code (part of every URL): fresh each time a room opens.
    pub fn code(&self) -> &str {
        &self.state.code
    }

    /// The socket the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// How many joined, are answering, have finished.
    pub fn status(&self) -> RoomStatus {
        self.state.status()
    }

    /// The handle the facilitator's screens pace the room with.
    pub fn pacer(&self) -> Pacer {
        Pacer(self.state.clone())
    }

    /// Blocks until Ctrl-C or SIGTERM, then closes the room.
    pub fn run_until_signal(self) -> RoomStatus {
        let waiter = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build();
        if let Ok(waiter) = waiter {
            waiter.block_on(stop_signal());
        }
        self.close()
    }

    /// Stops taking connections, lets the requests in flight finish (their answers are on disk
    /// then), and returns the final counts.
    pub fn close(mut self) -> RoomStatus {
        self.stop();
        self.state.status()
    }

    fn stop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Facilitator-paced questions: while a part (a customer-dialogue prompt, one project's
/// effort–value questions) is on the room, every phone walks just that part, one question per
/// page, and then waits for the next; with none on, phones carry on with their own runs. Phones
/// with JavaScript notice a change within seconds; without it, at their next page load. Cheap to clone; it never exposes
/// anyone's answers, only how many answered.
#[derive(Clone)]
pub struct Pacer(Arc<RoomState>);

impl Pacer {
    /// Puts `part` on every phone; `None` sends them back to their own runs. Putting the same
    /// part on again asks everyone again (their earlier answers are shown chosen).
    pub fn put_on(&self, part: Option<crate::session::PacedPart>) {
        self.0.put_on(part);
    }

    /// The part on the room now.
    pub fn part(&self) -> Option<crate::session::PacedPart> {
        self.0.pace().0
    }

    /// How many people answered (or declined) every question of the part they are shown since it
    /// was put on (an optional question may be left empty, as in their own run). A phone whose
    /// answers have no question of the part is not counted.
    pub fn answered(&self) -> usize {
        state::lock(&self.0.paced).answered
    }

    /// How many people answered some of the part's questions since it was put on, but not yet
    /// all of them.
    pub fn answering(&self) -> usize {
        state::lock(&self.0.paced).answering
    }
}

/// The QR code of `url` as text for a terminal, two rows per line, light on dark so it scans on
/// a dark terminal too.
pub fn qr_text(url: &str) -> String {
    use qrcode::render::unicode::Dense1x2;
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

/// The QR code of `url` as an SVG document (the app's projector screen draws it).
pub fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .quiet_zone(true)
            .build(),
    )
}

/// `serve DIR`: the join URL as the first line, the QR code below, then until Ctrl-C/SIGTERM.
pub fn serve_command(
    folder: &WorkshopFolder,
    config: RoomConfig,
    out: &mut dyn Write,
) -> Result<RoomStatus, RoomError> {
    let room = Room::open_folder(folder, config)?;
    let _ = writeln!(out, "{}", room.join_url());
    let _ = writeln!(out, "{}", qr_text(room.join_url()));
    let _ = writeln!(out, "Room code: {}", room.code());
    if room.urls().len() > 1 {
        let _ = writeln!(out, "Other addresses of this laptop (pick with --bind):");
        for url in &room.urls()[1..] {
            let _ = writeln!(out, "  {url}");
        }
    }
    let _ = writeln!(
        out,
        "Answers go into {}. Press Ctrl-C to close the room.",
        folder.dir.display()
    );
    let _ = out.flush();
    let status = room.run_until_signal();
    let _ = writeln!(
        out,
        "Room closed: {} joined, {} finished.",
        status.joined, status.finished
    );
    Ok(status)
}

/// Writes and removes a file where answers will go, so an unwritable folder is refused before
/// anyone has answered into it.
fn check_writable(folder: &WorkshopFolder) -> Result<(), Problem> {
    let responses = folder.responses_dir();
    let refuse = |error: std::io::Error| {
        Problem::unwritable(
            &responses,
            format!(
                "answers cannot be written here ({error}); the room was not opened. Copy the \
                 workshop to a folder you can write to, or fix its permissions"
            ),
        )
    };
    std::fs::create_dir_all(&responses).map_err(refuse)?;
    let probe = responses.join(".room-write-check");
    storage::write_atomic(&probe, b"", storage::Durability::Deferred).map_err(refuse)?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Join URLs for the listening socket: its own address when it is bound to one, else one per IPv4
/// network of the laptop (private networks first), loopback last.
fn join_urls(code: &str, address: SocketAddr) -> Vec<String> {
    let port = address.port();
    let url = |ip: IpAddr| match ip {
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}/{code}"),
        IpAddr::V4(v4) => format!("http://{v4}:{port}/{code}"),
    };
    if !address.ip().is_unspecified() {
        return vec![url(address.ip())];
    }
    let mut candidates: Vec<Ipv4Addr> = local_ip_address::list_afinet_netifas()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(_, ip)| match ip {
            IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() => Some(v4),
            _ => None,
        })
        .collect();
    candidates.sort_by_key(|ip| (!ip.is_private(), *ip));
    candidates.dedup();
    let mut urls: Vec<String> = candidates.into_iter().map(|ip| url(ip.into())).collect();
    urls.push(url(Ipv4Addr::LOCALHOST.into()));
    urls
}

/// The peer of the connection a request came on (for slowing down wrong codes per address).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Peer(pub SocketAddr);

/// The accept loop: at most `max_connections` at once, each with a header read timeout and a
/// lifetime; on shutdown every connection finishes its request in flight, then closes.
async fn serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    limits: Limits,
    mut shutdown: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (closing, closing_seen) = watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            _ = shutdown.changed() => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = shutdown.changed() => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut closing_seen = closing_seen.clone();
        let (header_timeout, lifetime) = (limits.header_timeout, limits.connection_lifetime);
        connections.spawn(async move {
            let _slot = slot;
            let service =
                hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    request.extensions_mut().insert(Peer(peer));
                    router.clone().call(request)
                });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .max_buf_size(64 * 1024);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = closing_seen.changed() => {},
                _ = tokio::time::sleep(lifetime) => {},
            }
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(Duration::from_secs(10), connection).await;
        });
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = closing.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(15), async {
        while connections.join_next().await.is_some() {}
    })
    .await;
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {},
                    _ = terminate.recv() => {},
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
