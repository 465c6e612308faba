"""Permissions of the petitions module (granted to roles in ``PetitionsConfig.ready``)."""

VIEW = "petitions.view_petition"  # see petitions (identity of denouncers still masked)
RECEIVE = "petitions.receive"  # reception: receive, classify, accept/refuse/forward, verify
DECIDE = "petitions.decide"  # the leader: conclude, extend, reclassify, see every late item
VIEW_PERSONAL = "petitions.view_personal_data"  # identity of non-denunciation petitioners
