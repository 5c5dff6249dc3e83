package workspace

// The seeded content of a new workspace: the sector themes of the Mukuru
// consortia and a role catalogue drawn from the practice of participatory
// upgrading. Users may rename, retire and add to both. The texts are marked
// with msg and written in the language the workspace is created in (see
// seed in initiative.go); the keys of the roles stay as they are.

var seedSectors = []struct{ name, description string }{
	{msg("Water, sanitation and energy"), msg("Piped water, toilets and sewers, drainage, and safe electricity connections.")},
	{msg("Health"), msg("Clinics, community health workers and the health risks of crowded, unserved housing.")},
	{msg("Education, youth and culture"), msg("Schools, training, places for young people, and cultural life.")},
	{msg("Housing, infrastructure and commerce"), msg("Homes, roads and paths, markets and the small businesses residents run.")},
	{msg("Land and institutional framework"), msg("Who owns and may use the land, and the rules and offices that decide it.")},
	{msg("Environment and natural resources"), msg("Rivers, flooding, waste, pollution and climate risks.")},
	{msg("Finance"), msg("What upgrading costs and who can pay: public budgets, savings groups, lenders and funders.")},
	{msg("Coordination, community organisation and communication"), msg("Bringing residents and partners together and keeping everyone informed.")},
}

// SeededSectorNames are the English names of the sector themes a new
// workspace is seeded with, in their order; translate.For gives them in the
// language a workspace was made in.
func SeededSectorNames() []string {
	names := make([]string, len(seedSectors))
	for i, s := range seedSectors {
		names[i] = s.name
	}
	return names
}

// Stable keys of seeded roles, for the health checks and the demo.
const (
	RoleCommunityOrganiser      = "community-organiser"
	RoleActionResearcher        = "action-researcher"
	RoleCommunityCoResearcher   = "community-co-researcher"
	RoleCentralLeadershipTeam   = "central-leadership-team"
	RoleCentralChampion         = "central-champion"
	RoleLocalGovernmentLeader   = "local-government-leader"
	RoleElectedLeader           = "elected-leader"
	RoleCivilSocietyLeader      = "civil-society-leader"
	RoleCommunityChampion       = "community-champion"
	RoleCommunityMobilizer      = "community-mobilizer"
	RoleRepresentativeCell      = "household-representative-cell"
	RoleRepresentativeCluster   = "household-representative-cluster"
	RoleRepresentativeSegment   = "household-representative-segment"
	RoleLocalMedia              = "local-media"
	RoleCommunityEngagement     = "community-engagement-team"
	RoleAcademicResearcher      = "academic-researcher"
	RoleTechnicalLeadGovernment = "technical-lead-government"
	RoleTechnicalLeadCivil      = "technical-lead-civil-society"
	RoleSpatialPlanner          = "spatial-planner"
	RoleSectoralPlanner         = "sectoral-planner"
	RoleEngineer                = "engineer"
)

var seedRoles = []Role{
	{Key: RoleCommunityOrganiser, Name: msg("Community organiser"), Group: "advocacy", Scope: "initiative", Holder: "either",
		Description:      msg("Gets residents talking about the threats and needs they share, so that they can press for upgrading together."),
		Responsibilities: msg("Hold neighbourhood gatherings; raise awareness of evictions, services and rights; build the groups that later carry the planning.")},
	{Key: RoleActionResearcher, Name: msg("Action researcher"), Group: "advocacy", Scope: "initiative", Holder: "either",
		Description:      msg("A civil-society or university team that gathers evidence with residents to make the case for upgrading."),
		Responsibilities: msg("Design studies with the community; collect and analyse data; publish findings that decision makers will read.")},
	{Key: RoleCommunityCoResearcher, Name: msg("Community co-researcher"), Group: "advocacy", Scope: "initiative", Holder: "person",
		Description:      msg("A resident who opens doors for research in the settlement, where outsiders are often met with suspicion."),
		Responsibilities: msg("Introduce researchers to residents; collect data alongside them; later recruit and train mobilizers and other co-researchers.")},
	{Key: RoleCentralLeadershipTeam, Name: msg("Central leadership team member"), Group: "central-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      msg("One of the champions from government and civil society who hold the whole effort together through politics and setbacks."),
		Responsibilities: msg("Champion and steward the process; keep the vision in front of partners; build alliances; recruit and coordinate partners; call inter-consortia meetings every few months; lobby for resources and for ratification of the plan; pass on what each team needs to know.")},
	{Key: RoleCentralChampion, Name: msg("Central champion and steward"), Group: "central-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      msg("The one person trusted across government, civil society and the community to own coordination of every moving part."),
		Responsibilities: msg("Keep every faction to its commitments; stay on message; step in when the leadership team needs a single voice.")},
	{Key: RoleLocalGovernmentLeader, Name: msg("Local government leader"), Group: "constituency-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      msg("A senior officer or department head who moves staff and budgets inside local government and gives the work official standing."),
		Responsibilities: msg("Bring departments beyond planning and housing on board; secure staff time and public funds; back the consortia inside government; convene public meetings in the settlement.")},
	{Key: RoleElectedLeader, Name: msg("Local elected or administrative leader"), Group: "constituency-leadership", Scope: "initiative", Holder: "person",
		Description:      msg("A ward representative, assembly member, chief or administrator whose area covers the settlement."),
		Responsibilities: msg("Know the initiative and its goals; lend it credibility with residents; avoid opposing or undermining it.")},
	{Key: RoleCivilSocietyLeader, Name: msg("Civil society leader"), Group: "constituency-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      msg("A leader who builds the coalition across civil society, academia, the private sector and the community."),
		Responsibilities: msg("Recruit expertise the coalition lacks; mobilise resources when needed; keep allies in civil society and academia engaged.")},
	{Key: RoleCommunityChampion, Name: msg("Community champion and steward"), Group: "constituency-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      msg("A resident leader, such as an elder, a federation or savings-group leader or a CBO head, who carries the initiative among neighbours."),
		Responsibilities: msg("Speak for the initiative in the settlement; steer it through local conflicts; open room for new leaders, including women, youth and people with disabilities.")},
	{Key: RoleCommunityMobilizer, Name: msg("Community mobilizer"), Group: "community", Scope: "unit", Holder: "person",
		Description:      msg("A trained resident who brings the households of a part of the settlement into the planning."),
		Responsibilities: msg("Visit households; explain the process; organise elections of household representatives; support data collection and forums.")},
	{Key: RoleRepresentativeCell, Name: msg("Household representative (cell)"), Group: "community", Scope: "unit", UnitLevel: "cell", Holder: "person",
		Description:      msg("A resident chosen by about ten neighbouring households to speak for them."),
		Responsibilities: msg("Carry the households' views to planning forums and bring decisions back to them.")},
	{Key: RoleRepresentativeCluster, Name: msg("Household representative (cluster)"), Group: "community", Scope: "unit", UnitLevel: "cluster", Holder: "person",
		Description:      msg("A resident chosen by the cell representatives of a cluster of about a hundred households."),
		Responsibilities: msg("Gather the views of the cluster's cells; represent the cluster at segment level.")},
	{Key: RoleRepresentativeSegment, Name: msg("Household representative (segment)"), Group: "community", Scope: "unit", UnitLevel: "segment", Holder: "person",
		Description:      msg("A resident chosen by the cluster representatives to speak for a whole segment."),
		Responsibilities: msg("Represent the segment before the consortia and the county; report back to clusters.")},
	{Key: RoleLocalMedia, Name: msg("Local media"), Group: "community", Scope: "initiative", Holder: "either",
		Description:      msg("Community radio, newsletters and other outlets residents trust for news."),
		Responsibilities: msg("Tell residents about meetings, progress and decisions in the languages they use.")},
	{Key: RoleCommunityEngagement, Name: msg("Community engagement and coordination team member"), Group: "civil-society", Scope: "initiative", Holder: "either", IsKey: true,
		Description:      msg("A member of the team, drawn from community leaders and locally rooted organisations, that links the consortia with residents."),
		Responsibilities: msg("Stand between the consortia and residents; recruit and train mobilizers and co-researchers; help collect sector data; run community planning forums; tell the consortia how the community process is going and when residents are ready; mediate disputes and negotiations.")},
	{Key: RoleAcademicResearcher, Name: msg("Academic researcher"), Group: "civil-society", Scope: "initiative", Holder: "either",
		Description:      msg("A university researcher who checks the quality of sector data and brings lessons from other cities."),
		Responsibilities: msg("Oversee and validate data collection; share case studies; support planning based on evidence.")},
	{Key: RoleTechnicalLeadGovernment, Name: msg("Technical lead (local government)"), Group: "technical-planning", Scope: "consortium", Holder: "either", IsKey: true,
		Description:      msg("The county or city officer who leads a consortium from inside the responsible department."),
		Responsibilities: msg("Meet the department's requirements; secure staff time and resources for the consortium; carry its work through government procedures.")},
	{Key: RoleTechnicalLeadCivil, Name: msg("Technical lead (civil society)"), Group: "technical-planning", Scope: "consortium", Holder: "either", IsKey: true,
		Description:      msg("The civil-society organisation with the strongest expertise in the sector, leading the consortium's technical planning."),
		Responsibilities: msg("Lead the technical work; bring in expert partners; keep the sector plan on schedule and in step with the other consortia.")},
	{Key: RoleSpatialPlanner, Name: msg("Spatial planner"), Group: "technical-planning", Scope: "consortium", Holder: "either",
		Description:      msg("An urban planner who fits the sector plans onto the ground of the settlement."),
		Responsibilities: msg("Work out where housing, roads, water, sanitation, drains and power lines go; negotiate space with residents through the community team.")},
	{Key: RoleSectoralPlanner, Name: msg("Sectoral planner"), Group: "technical-planning", Scope: "consortium", Holder: "either",
		Description:      msg("An engineer, planner or researcher who prepares the consortium's sector plan."),
		Responsibilities: msg("Design data collection tools with residents; take part in forums; write sector briefs and the sector plan; harmonise it with other sectors.")},
	{Key: RoleEngineer, Name: msg("Engineer"), Group: "technical-planning", Scope: "consortium", Holder: "either",
		Description:      msg("An engineer who turns the sector plan into designs that can be built."),
		Responsibilities: msg("Prepare detailed infrastructure designs; where no partner has the skills, the consortium pools funds to hire them.")},
}
