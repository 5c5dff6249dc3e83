package workspace

// The seeded content of a new workspace: the sector themes of the Mukuru
// consortia and a role catalogue drawn from the practice of participatory
// upgrading. Users may rename, retire and add to both.

var seedSectors = []struct{ name, description string }{
	{"Water, sanitation and energy", "Piped water, toilets and sewers, drainage, and safe electricity connections."},
	{"Health", "Clinics, community health workers and the health risks of crowded, unserved housing."},
	{"Education, youth and culture", "Schools, training, places for young people, and cultural life."},
	{"Housing, infrastructure and commerce", "Homes, roads and paths, markets and the small businesses residents run."},
	{"Land and institutional framework", "Who owns and may use the land, and the rules and offices that decide it."},
	{"Environment and natural resources", "Rivers, flooding, waste, pollution and climate risks."},
	{"Finance", "What upgrading costs and who can pay: public budgets, savings groups, lenders and funders."},
	{"Coordination, community organisation and communication", "Bringing residents and partners together and keeping everyone informed."},
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
	{Key: RoleCommunityOrganiser, Name: "Community organiser", Group: "advocacy", Scope: "initiative", Holder: "either",
		Description:      "Gets residents talking about the threats and needs they share, so that they can press for upgrading together.",
		Responsibilities: "Hold neighbourhood gatherings; raise awareness of evictions, services and rights; build the groups that later carry the planning."},
	{Key: RoleActionResearcher, Name: "Action researcher", Group: "advocacy", Scope: "initiative", Holder: "either",
		Description:      "A civil-society or university team that gathers evidence with residents to make the case for upgrading.",
		Responsibilities: "Design studies with the community; collect and analyse data; publish findings that decision makers will read."},
	{Key: RoleCommunityCoResearcher, Name: "Community co-researcher", Group: "advocacy", Scope: "initiative", Holder: "person",
		Description:      "A resident who opens doors for research in the settlement, where outsiders are often met with suspicion.",
		Responsibilities: "Introduce researchers to residents; collect data alongside them; later recruit and train mobilizers and other co-researchers."},
	{Key: RoleCentralLeadershipTeam, Name: "Central leadership team member", Group: "central-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      "One of the champions from government and civil society who hold the whole effort together through politics and setbacks.",
		Responsibilities: "Champion and steward the process; keep the vision in front of partners; build alliances; recruit and coordinate partners; call inter-consortia meetings every few months; lobby for resources and for ratification of the plan; pass on what each team needs to know."},
	{Key: RoleCentralChampion, Name: "Central champion and steward", Group: "central-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      "The one person trusted across government, civil society and the community to own coordination of every moving part.",
		Responsibilities: "Keep every faction to its commitments; stay on message; step in when the leadership team needs a single voice."},
	{Key: RoleLocalGovernmentLeader, Name: "Local government leader", Group: "constituency-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      "A senior officer or department head who moves staff and budgets inside local government and gives the work official standing.",
		Responsibilities: "Bring departments beyond planning and housing on board; secure staff time and public funds; back the consortia inside government; convene public meetings in the settlement."},
	{Key: RoleElectedLeader, Name: "Local elected or administrative leader", Group: "constituency-leadership", Scope: "initiative", Holder: "person",
		Description:      "A ward representative, assembly member, chief or administrator whose area covers the settlement.",
		Responsibilities: "Know the initiative and its goals; lend it credibility with residents; avoid opposing or undermining it."},
	{Key: RoleCivilSocietyLeader, Name: "Civil society leader", Group: "constituency-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      "A leader who builds the coalition across civil society, academia, the private sector and the community.",
		Responsibilities: "Recruit expertise the coalition lacks; mobilise resources when needed; keep allies in civil society and academia engaged."},
	{Key: RoleCommunityChampion, Name: "Community champion and steward", Group: "constituency-leadership", Scope: "initiative", Holder: "person", IsKey: true,
		Description:      "A resident leader, such as an elder, a federation or savings-group leader or a CBO head, who carries the initiative among neighbours.",
		Responsibilities: "Speak for the initiative in the settlement; steer it through local conflicts; open room for new leaders, including women, youth and people with disabilities."},
	{Key: RoleCommunityMobilizer, Name: "Community mobilizer", Group: "community", Scope: "unit", Holder: "person",
		Description:      "A trained resident who brings the households of a part of the settlement into the planning.",
		Responsibilities: "Visit households; explain the process; organise elections of household representatives; support data collection and forums."},
	{Key: RoleRepresentativeCell, Name: "Household representative (cell)", Group: "community", Scope: "unit", UnitLevel: "cell", Holder: "person",
		Description:      "A resident chosen by about ten neighbouring households to speak for them.",
		Responsibilities: "Carry the households' views to planning forums and bring decisions back to them."},
	{Key: RoleRepresentativeCluster, Name: "Household representative (cluster)", Group: "community", Scope: "unit", UnitLevel: "cluster", Holder: "person",
		Description:      "A resident chosen by the cell representatives of a cluster of about a hundred households.",
		Responsibilities: "Gather the views of the cluster's cells; represent the cluster at segment level."},
	{Key: RoleRepresentativeSegment, Name: "Household representative (segment)", Group: "community", Scope: "unit", UnitLevel: "segment", Holder: "person",
		Description:      "A resident chosen by the cluster representatives to speak for a whole segment.",
		Responsibilities: "Represent the segment before the consortia and the county; report back to clusters."},
	{Key: RoleLocalMedia, Name: "Local media", Group: "community", Scope: "initiative", Holder: "either",
		Description:      "Community radio, newsletters and other outlets residents trust for news.",
		Responsibilities: "Tell residents about meetings, progress and decisions in the languages they use."},
	{Key: RoleCommunityEngagement, Name: "Community engagement and coordination team member", Group: "civil-society", Scope: "initiative", Holder: "either", IsKey: true,
		Description:      "A member of the team, drawn from community leaders and locally rooted organisations, that links the consortia with residents.",
		Responsibilities: "Stand between the consortia and residents; recruit and train mobilizers and co-researchers; help collect sector data; run community planning forums; tell the consortia how the community process is going and when residents are ready; mediate disputes and negotiations."},
	{Key: RoleAcademicResearcher, Name: "Academic researcher", Group: "civil-society", Scope: "initiative", Holder: "either",
		Description:      "A university researcher who checks the quality of sector data and brings lessons from other cities.",
		Responsibilities: "Oversee and validate data collection; share case studies; support planning based on evidence."},
	{Key: RoleTechnicalLeadGovernment, Name: "Technical lead (local government)", Group: "technical-planning", Scope: "consortium", Holder: "either", IsKey: true,
		Description:      "The county or city officer who leads a consortium from inside the responsible department.",
		Responsibilities: "Meet the department's requirements; secure staff time and resources for the consortium; carry its work through government procedures."},
	{Key: RoleTechnicalLeadCivil, Name: "Technical lead (civil society)", Group: "technical-planning", Scope: "consortium", Holder: "either", IsKey: true,
		Description:      "The civil-society organisation with the strongest expertise in the sector, leading the consortium's technical planning.",
		Responsibilities: "Lead the technical work; bring in expert partners; keep the sector plan on schedule and in step with the other consortia."},
	{Key: RoleSpatialPlanner, Name: "Spatial planner", Group: "technical-planning", Scope: "consortium", Holder: "either",
		Description:      "An urban planner who fits the sector plans onto the ground of the settlement.",
		Responsibilities: "Work out where housing, roads, water, sanitation, drains and power lines go; negotiate space with residents through the community team."},
	{Key: RoleSectoralPlanner, Name: "Sectoral planner", Group: "technical-planning", Scope: "consortium", Holder: "either",
		Description:      "An engineer, planner or researcher who prepares the consortium's sector plan.",
		Responsibilities: "Design data collection tools with residents; take part in forums; write sector briefs and the sector plan; harmonise it with other sectors."},
	{Key: RoleEngineer, Name: "Engineer", Group: "technical-planning", Scope: "consortium", Holder: "either",
		Description:      "An engineer who turns the sector plan into designs that can be built.",
		Responsibilities: "Prepare detailed infrastructure designs; where no partner has the skills, the consortium pools funds to hire them."},
}
