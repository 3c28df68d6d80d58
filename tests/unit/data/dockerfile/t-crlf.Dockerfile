FROM a
RUN a \
  b
USER x
