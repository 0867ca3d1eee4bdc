from django import template

from batayon.ops.jobs import job_states

register = template.Library()


@register.simple_tag
def periodic_job_states():
    """The periodic jobs' last runs, for ``ops/_jobs.html``."""
    states, _skipped = job_states()
    return states
