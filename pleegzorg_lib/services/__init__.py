"""Services the pages and the command line share: sessions (bijeenkomsten) with their join
codes, keys and links (``sessions``)."""
