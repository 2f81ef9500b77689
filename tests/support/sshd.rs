//! sshd hosts on 127.0.0.x (issue 4).
