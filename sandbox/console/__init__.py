"""The operator console: server-rendered pages for the municipality's operators.

Arabic right to left first, English by a switch; behind one sign-in (`auth`); one layout
and navigation (`layout`) that every page shares, so a page added later (the fleet, a
kiosk) is a module with a router and one `NAVIGATION` entry. `routers` lists what the
application mounts.
"""

from __future__ import annotations

from fastapi import APIRouter

from sandbox.console import auth, fleet_page, pilot_page, sms_page

routers: tuple[APIRouter, ...] = (auth.router, fleet_page.router, fleet_page.admin_router,
                                  fleet_page.view_router, pilot_page.router,
                                  pilot_page.data_router, sms_page.router)
