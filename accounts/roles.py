"""The names of the role groups; the groups themselves are made by accounts' migrations."""

EDITORS = "Editors"
PUBLISHERS = "Publishers"
MODERATORS = "Moderators"
COUNCIL_MEMBERS = "Council members"
COUNCIL_SECRETARIAT = "Council secretariat"
