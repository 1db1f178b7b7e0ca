"""Actor resolution: name clusters, stated roles, codes, pronouns and agent phrases of one article."""

from newsevents.knowledge.actor_kb import ActorKB
from newsevents.resolve.actors.records import ActorMention, Role
from newsevents.resolve.actors.resolver import ArticleActors, resolve_actors

__all__ = ["ActorKB", "ActorMention", "ArticleActors", "Role", "resolve_actors"]
