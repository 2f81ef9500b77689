//! SSH tests against real sshd (issue 4).
