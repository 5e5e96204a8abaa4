# SPDX-License-Identifier: MIT
"""parley.axelrod — placeholder."""
