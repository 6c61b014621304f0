"""The audit report: one self-contained HTML file of the decision database, with plots."""
