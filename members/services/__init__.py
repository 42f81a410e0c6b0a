"""Write-side rules of the members domain, one module per subdomain."""
