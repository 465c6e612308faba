"""Permissions of the Party module (granted to roles in ``manifest.MANIFEST``).

Member files are sensitive: one permission guards every read that depends on member data
— lists, counts, search, committees, badges, the API summary — so a user without it sees
nothing that varies with the membership."""

VIEW = "party.view_member"  # cells with their counts, committees, members, member files
MANAGE = "party.manage_member"  # record members, status changes, transfers, committees
