//! What native runs make, held for as long as a run needs it: the object
//! arena (`arena`) and the scratch buffers of arrays compiled code keeps
//! as plain memory (`buffers`). A run marks both when it starts and
//! releases both when it has left; a back-edge that carries nothing the
//! iteration made drops both early (`drop_made_except`).

pub(crate) mod arena;
pub(crate) mod buffers;

/// Where a native run's parts of the arena and the buffers start, and the
/// parts of the run before it.
pub(crate) struct RunMark {
    objects: arena::Mark,
    buffers: (buffers::Mark, buffers::Mark),
}

/// Starts a native run's parts; the mark goes to `release`.
pub(crate) fn mark() -> RunMark {
    RunMark { objects: arena::mark(), buffers: buffers::mark() }
}

/// Drops what the run since `mark` made (its exit took references of its own).
pub(crate) fn release(mark: RunMark) {
    buffers::release(mark.buffers);
    arena::release(mark.objects);
}

/// Empties the running run's scratch buffers and its part of the arena but
/// for the objects at `roots`.
pub(crate) fn drop_made_except(roots: &[u64]) {
    buffers::reset();
    arena::drop_except(roots);
}
