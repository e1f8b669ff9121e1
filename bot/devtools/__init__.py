"""What the demo and the tests build their data with; no feature imports it (lint-imports)."""
