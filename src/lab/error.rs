//! Errors of the local lab, with the fix in the help text.
use miette::Diagnostic;

/// What can go wrong in the lab.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Diagnostic)]
pub enum LabError {
    /// No Docker engine answers.
    #[error("{}", crate::t!("lab-no-engine", detail = .detail.as_str()))]
    #[diagnostic(
        code = "cwh::lab::no_engine",
        help("{}", crate::t!("lab-no-engine-help"))
    )]
    NoEngine {
        /// What the client saw.
        detail: String,
    },
    /// A Docker call failed.
    #[error("{}", crate::t!("lab-docker", problem = .0.as_str()))]
    #[diagnostic(code = "cwh::lab::docker")]
    Docker(String),
    /// Building the node image failed.
    #[error("{}", crate::t!("lab-image-failed", problem = .0.as_str()))]
    #[diagnostic(code = "cwh::lab::image", help("{}", crate::t!("lab-image-help")))]
    Image(String),
    /// A bad lab name or subnet.
    #[error("{0}")]
    #[diagnostic(code = "cwh::lab::usage", help("{}", crate::t!("lab-usage-help")))]
    Usage(String),
    /// Setting the machine up for the lab (packages, the engine) cannot go on.
    #[error("{message}")]
    #[diagnostic(code = "cwh::lab::setup")]
    Setup {
        /// What is wrong.
        message: String,
        /// What to do.
        #[help]
        help: String,
    },
    /// The lab (or the subnet or address asked for) belongs to another workdir, or is an
    /// orphan to remove first: nothing was done. A usage problem like a bad name (the same
    /// kind, exit 2), with its own help.
    #[error("{message}")]
    #[diagnostic(code = "cwh::lab::usage")]
    Taken {
        /// Whose it is.
        message: String,
        /// What to do instead.
        #[help]
        help: String,
    },
    /// Reading or writing the lab's files.
    #[error("{0}")]
    #[diagnostic(code = "cwh::lab::io")]
    Io(String),
}

impl From<bollard::errors::Error> for LabError {
    fn from(e: bollard::errors::Error) -> Self {
        use bollard::errors::Error as E;
        match e {
            E::DockerResponseServerError {
                status_code,
                message,
            } => LabError::Docker(format!("{message} (HTTP {status_code})")),
            E::IOError { err } => LabError::NoEngine {
                detail: err.to_string(),
            },
            e @ (E::HyperResponseError { .. }
            | E::RequestTimeoutError
            | E::SocketNotFoundError(_)) => LabError::NoEngine {
                detail: e.to_string(),
            },
            e => LabError::Docker(e.to_string()),
        }
    }
}

/// Results of the lab.
pub type Result<T> = std::result::Result<T, LabError>;
