"""Questions members put to a cohort's experts, and the answers."""
