-- nothing to do in this release; kept for numbering
/* intentionally empty; */
