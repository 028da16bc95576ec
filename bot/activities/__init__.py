"""The seven Co-Creating Welfare activities, what users say about their session, and the recommender."""
