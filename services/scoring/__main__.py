from services.common.serve import serve

serve("scoring", "services.scoring.app:create")
