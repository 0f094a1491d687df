from services.common.serve import serve

serve("indicator", "services.indicator.app:create")
