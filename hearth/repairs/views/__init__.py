"""Staff pages for repairs: the queue, a repair and its changes, logging a repair, an
operative's jobs today, spend approvals, the schedule of rates and the settings."""
