"""Two published networks for checking link prediction (USAir, Celegans); see README.md."""
