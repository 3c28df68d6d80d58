FROM a
RUN apt-get install \
  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  pkg \
# c

  end
