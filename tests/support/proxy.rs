//! A recording TCP proxy on 127.0.0.1: every byte a client sends is kept before it is passed
//! on, so a test can scan all that a (plain HTTP) server received.
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

pub struct Recorder {
    /// Where clients connect.
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<u8>>>,
}

fn pipe(mut from: TcpStream, mut to: TcpStream, record: Option<Arc<Mutex<Vec<u8>>>>) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if let Some(r) = &record {
            r.lock().unwrap().extend_from_slice(&buf[..n]);
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Write);
}

/// Start a proxy to `upstream` (a loopback address).
pub fn start(upstream: SocketAddr) -> Recorder {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
    let addr = l.local_addr().unwrap();
    let received = Arc::new(Mutex::new(Vec::new()));
    let rec = received.clone();
    std::thread::spawn(move || {
        for c in l.incoming() {
            let Ok(c) = c else { continue };
            let Ok(u) = TcpStream::connect(upstream) else {
                continue;
            };
            let (c2, u2) = (c.try_clone().unwrap(), u.try_clone().unwrap());
            let r = rec.clone();
            std::thread::spawn(move || pipe(c, u, Some(r)));
            std::thread::spawn(move || pipe(u2, c2, None));
        }
    });
    Recorder { addr, received }
}

impl Recorder {
    /// Every byte received from clients so far.
    pub fn received(&self) -> Vec<u8> {
        self.received.lock().unwrap().clone()
    }
}
