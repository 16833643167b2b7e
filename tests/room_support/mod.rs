//! A phone as the room tests and the load benchmark see it: a tiny HTTP/1.1 client over a plain
//! `TcpStream` (one request per connection, no TLS, no dependencies) that keeps the room's cookie,
//! and the few page-reading helpers needed to answer a question form like a person would.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// One HTTP answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn location(&self) -> &str {
        self.header("location").unwrap_or_default()
    }
}

/// Sends one raw request and reads the whole answer (the server closes after `Connection: close`).
pub fn send_raw(address: SocketAddr, request: &[u8]) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.write_all(request)?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    parse_reply(&bytes)
}

fn parse_reply(bytes: &[u8]) -> std::io::Result<Reply> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| invalid("no head"))?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| invalid("no status"))?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Ok(Reply {
        status,
        headers,
        body: body.to_owned(),
    })
}

/// A phone in the room: the server's address and the cookie it was given.
#[derive(Debug, Clone)]
pub struct Phone {
    pub address: SocketAddr,
    pub cookie: Option<String>,
}

impl Phone {
    pub fn new(address: SocketAddr) -> Self {
        Self {
            address,
            cookie: None,
        }
    }

    pub fn get(&mut self, path: &str) -> Reply {
        self.request("GET", path, None)
    }

    pub fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Reply {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        self.request("POST", path, Some(&body))
    }

    pub fn request(&mut self, method: &str, path: &str, body: Option<&str>) -> Reply {
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.address
        );
        if let Some(cookie) = &self.cookie {
            request.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        if let Some(body) = body {
            request.push_str(&format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            ));
        } else {
            request.push_str("\r\n");
        }
        let reply = send_raw(self.address, request.as_bytes()).expect("the room answers");
        if let Some(cookie) = reply.header("set-cookie") {
            self.cookie = cookie.split(';').next().map(str::to_owned);
        }
        reply
    }

    /// Joins the room at `base` (`/<code>`) with a name (or anonymously) and a group; ends on the
    /// first question's page.
    pub fn join(&mut self, base: &str, name: &str, group: &str) -> Reply {
        let page = self.get(base);
        assert_eq!(page.status, 200, "join page: {}", page.body);
        let token = hidden(&page.body, "token").expect("join form has a token");
        let reply = self.post(
            &format!("{base}/join"),
            &[("token", &token), ("name", name), ("group", group)],
        );
        assert_eq!(reply.status, 303, "join: {}", reply.body);
        self.get(reply.location())
    }
}

/// The value of a hidden form field.
pub fn hidden(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker)? + marker.len();
    let end = page[start..].find('"')?;
    Some(page[start..start + end].to_owned())
}

/// The labels of the one-tap option buttons of a question page, in order.
pub fn pick_labels(page: &str) -> Vec<String> {
    page.split("name=\"pick\" value=\"")
        .skip(1)
        .filter_map(|rest| {
            let start = rest.find('>')? + 1;
            let end = rest[start..].find("</button>")?;
            Some(rest[start..start + end].to_owned())
        })
        .collect()
}

/// The question text (the legend) of a question page.
pub fn legend(page: &str) -> Option<String> {
    let start = page.find("<legend>")? + "<legend>".len();
    let end = page[start..].find(['<'])?;
    Some(page[start..start + end].to_owned())
}

/// How a question page wants to be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pick,
    Several,
    Number,
    Text,
}

pub fn kind(page: &str) -> Kind {
    if page.contains("name=\"pick\"") {
        Kind::Pick
    } else if page.contains("name=\"choice\"") {
        Kind::Several
    } else if page.contains("type=\"number\"") {
        Kind::Number
    } else {
        Kind::Text
    }
}

/// The form fields answering a question page plainly: "Yes" (so show-if follow-ups appear), else
/// the option at `index % options`; the first choice; 3; a short text.
pub fn plain_answer(page: &str, index: usize) -> Vec<(String, String)> {
    let mut form = vec![
        (
            "token".to_owned(),
            hidden(page, "token").unwrap_or_default(),
        ),
        ("at".to_owned(), hidden(page, "at").unwrap_or_default()),
    ];
    match kind(page) {
        Kind::Pick => {
            let labels = pick_labels(page);
            let pick = labels
                .iter()
                .position(|label| label == "Yes")
                .unwrap_or(index % labels.len().max(1));
            form.push(("pick".to_owned(), pick.to_string()));
        }
        Kind::Several => {
            form.push(("action".to_owned(), "answer".to_owned()));
            form.push(("choice".to_owned(), "0".to_owned()));
        }
        Kind::Number => {
            form.push(("action".to_owned(), "answer".to_owned()));
            form.push(("typed".to_owned(), "3".to_owned()));
        }
        Kind::Text => {
            form.push(("action".to_owned(), "answer".to_owned()));
            form.push(("typed".to_owned(), "We talked about it.".to_owned()));
        }
    }
    form
}

pub fn as_pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect()
}
