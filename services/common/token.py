"""`python -m services.common.token --role cadre --cadre C-0001` prints a local token."""

from __future__ import annotations

import argparse

from services.common.auth import Role, mint_token
from services.common.settings import get_settings


def main() -> None:
    parser = argparse.ArgumentParser(description="Mint a token for the local stack")
    parser.add_argument("--role", required=True, choices=[r.value for r in Role])
    parser.add_argument("--unit", help="unit id (unit reporters)")
    parser.add_argument("--cadre", help="cadre id (cadres)")
    parser.add_argument("--subject")
    parser.add_argument("--hours", type=int, default=8)
    args = parser.parse_args()
    if args.role == "unit_reporter" and not args.unit:
        parser.error("a unit_reporter token needs --unit")
    if args.role == "cadre" and not args.cadre:
        parser.error("a cadre token needs --cadre")
    print(
        mint_token(
            get_settings(),
            args.role,
            subject=args.subject,
            unit_id=args.unit,
            cadre_id=args.cadre,
            ttl_seconds=args.hours * 3600,
        )
    )


if __name__ == "__main__":
    main()
