"""Write rules of the Q&A: one module per subdomain, plain keyword-only functions raising domain errors."""
