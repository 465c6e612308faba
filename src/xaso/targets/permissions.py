"""Permissions of the targets module (granted to roles in ``TargetsConfig.ready``)."""

VIEW = "targets.view"  # see the dashboard and drill-downs
ENTER = "targets.enter_value"  # enter and submit values for a unit
APPROVE = "targets.approve_value"  # approve, and reopen an approved value with a reason
MANAGE = "targets.manage_definitions"  # edit resolutions, targets, measures, rules
