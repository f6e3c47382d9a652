"""Reading the sections of a verordening file, each reporting to one Checker."""
