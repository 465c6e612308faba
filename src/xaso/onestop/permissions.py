"""Permissions of the one-stop module (granted to roles in ``OnestopConfig.ready``)."""

VIEW = "onestop.view_dossier"  # see dossiers, queues and statistics of a unit
RECEIVE = "onestop.receive"  # the desk: receive, refuse, supplements, fees, return results
PROCESS = "onestop.process"  # the specialist: process, request payment, stop, complete
MANAGE_CATALOGUE = "onestop.manage_catalogue"  # the procedure catalogue
VIEW_PERSONAL = "onestop.view_personal_data"  # see applicants' ID numbers and contacts
