from services.common.serve import serve

serve("development", "services.development.app:create")
